/* DEMO STAND-IN / TEST DOUBLE: the GitHub fake's git refs endpoints, get a branch and create one. */
import {
  GitHubFakeContext,
  GitHubFakeResponse,
  Repo,
  error,
} from './gitHubFakeState';

function refBody(
  ctx: GitHubFakeContext,
  fullName: string,
  branch: string,
  sha: string,
) {
  return {
    ref: `refs/heads/${branch}`,
    object: {
      type: 'commit',
      sha,
      url: `${ctx.webBase}/${fullName}/commit/${sha}`,
    },
  };
}

export function getRef(
  ctx: GitHubFakeContext,
  fullName: string,
  repo: Repo,
  branch: string,
): GitHubFakeResponse {
  const sha = repo.branches.get(branch);
  if (!sha) {
    return error(
      404,
      'Not Found',
      'https://docs.github.com/rest/git/refs#get-a-reference',
    );
  }
  return { status: 200, body: refBody(ctx, fullName, branch, sha) };
}

export function createRef(
  ctx: GitHubFakeContext,
  fullName: string,
  repo: Repo,
  body: any,
): GitHubFakeResponse {
  const doc = 'https://docs.github.com/rest/git/refs#create-a-reference';
  const name =
    typeof body?.ref === 'string' && body.ref.match(/^refs\/heads\/(.+)$/)?.[1];
  if (!name || typeof body.sha !== 'string') {
    return error(
      422,
      "Reference name must start with 'refs/' and have at least two slashes.",
      doc,
    );
  }
  if (repo.branches.has(name)) {
    return error(422, 'Reference already exists', doc);
  }
  if (!repo.commits.has(body.sha)) {
    return error(422, 'Object does not exist', doc);
  }
  repo.branches.set(name, body.sha);
  return { status: 201, body: refBody(ctx, fullName, name, body.sha) };
}
