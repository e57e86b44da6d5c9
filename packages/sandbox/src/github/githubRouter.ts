import express from 'express';
import { GitHubFake } from './GitHubFake';

/** DEMO STAND-IN: serves a {@link GitHubFake} as GitHub's REST API (the integration's `apiBaseUrl`). */
export function githubRouter(github: GitHubFake): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '5mb' }));
  router.use((req, res) => {
    const url = new URL(req.originalUrl, 'http://sandbox');
    const answer = github.handle({
      method: req.method,
      path: req.path,
      query: url.searchParams,
      authorization: req.headers.authorization,
      body: req.body,
    });
    res.status(answer.status).json(answer.body);
  });
  return router;
}
