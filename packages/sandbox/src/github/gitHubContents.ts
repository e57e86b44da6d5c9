/*
 * DEMO STAND-IN / TEST DOUBLE: the GitHub fake's repository contents endpoints, get and put. The put names the
 * file's blob sha and gets 409 when the file moved on, 422 when a sha is missing for an existing file.
 */
import {
  GitHubFakeContext,
  GitHubFakeResponse,
  Repo,
  blobSha,
  error,
} from './gitHubFakeState';

export function contentBody(
  ctx: GitHubFakeContext,
  fullName: string,
  path: string,
  content: string,
  ref: string,
) {
  return {
    type: 'file',
    encoding: 'base64',
    name: path.split('/').pop(),
    path,
    size: Buffer.byteLength(content),
    sha: blobSha(content),
    content: Buffer.from(content, 'utf8')
      .toString('base64')
      .replace(/(.{60})/g, '$1\n'),
    html_url: `${ctx.webBase}/${fullName}/blob/${ref}/${path}`,
  };
}

export function getContent(
  ctx: GitHubFakeContext,
  fullName: string,
  repo: Repo,
  path: string,
  query: URLSearchParams,
): GitHubFakeResponse {
  const ref = query.get('ref') ?? 'main';
  const sha =
    repo.branches.get(ref) ?? (repo.commits.has(ref) ? ref : undefined);
  const content = sha && repo.commits.get(sha)!.files.get(path);
  if (content === undefined || !sha) {
    return error(
      404,
      'Not Found',
      'https://docs.github.com/rest/repos/contents#get-repository-content',
    );
  }
  return {
    status: 200,
    body: contentBody(ctx, fullName, path, content, ref),
  };
}

/** `beforePut` runs once the body is valid and before the branch is read (see `GitHubFake.beforeNextPut`). */
export function putContent(
  ctx: GitHubFakeContext,
  fullName: string,
  repo: Repo,
  path: string,
  body: any,
  beforePut: () => void,
): GitHubFakeResponse {
  const doc =
    'https://docs.github.com/rest/repos/contents#create-or-update-file-contents';
  if (typeof body?.message !== 'string' || typeof body?.content !== 'string') {
    return error(
      422,
      'Invalid request.\n\n"message", "content" weren\'t supplied.',
      doc,
    );
  }
  beforePut();
  const branch = body.branch ?? 'main';
  const headSha = repo.branches.get(branch);
  if (!headSha) {
    return error(404, `Branch ${branch} not found`, doc);
  }
  const head = repo.commits.get(headSha)!;
  const current = head.files.get(path);
  if (current !== undefined && !body.sha) {
    return error(422, 'Invalid request.\n\n"sha" wasn\'t supplied.', doc);
  }
  if (current !== undefined && body.sha !== blobSha(current)) {
    return error(409, `${path} does not match ${body.sha}`, doc);
  }
  const content = Buffer.from(body.content, 'base64').toString('utf8');
  const files = new Map(head.files);
  files.set(path, content);
  const commit = ctx.newCommit(repo, head.sha, body.message, files);
  repo.branches.set(branch, commit.sha);
  return {
    status: current === undefined ? 201 : 200,
    body: {
      content: contentBody(ctx, fullName, path, content, branch),
      commit: {
        sha: commit.sha,
        html_url: `${ctx.webBase}/${fullName}/commit/${commit.sha}`,
        message: commit.message,
        parents: [{ sha: head.sha }],
      },
    },
  };
}
