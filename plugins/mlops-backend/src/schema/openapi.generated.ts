// Generated from openapi.yaml by scripts/generate-openapi-spec.mjs; edit the YAML and run the script.
// openapi.test.ts fails while this file and the YAML differ.

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'mlops',
    version: '1',
    description:
      "The MLOps Portal backend's HTTP API, mounted at `/api/mlops`: a Model's registry and governed alias\npromotions, rollouts, model health and drift, pipeline runs and feature views.\n\nEvery route needs a Backstage token (`Authorization: Bearer …`); the routes that change something take a\nuser's token only (a user's own, or a scaffolder action's on-behalf-of token) and are audited.\n\nThe request bodies and queries, and the main answers (registry view, promotion record, rollout record), are\nzod schemas in `@mlops-portal/plugin-mlops-common`: the backend parses with them, the scaffolder actions and\nthe frontend client are typed by them, and `openapi.test.ts` fails when this document and they disagree, or\nwhen this document and the router's routes do. Errors have Backstage's shape\n`{error: {name, message}, response: {statusCode}}`.\n",
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  tags: [
    {
      name: 'Registry',
    },
    {
      name: 'Rollouts',
    },
    {
      name: 'Health',
    },
    {
      name: 'Pipelines',
    },
    {
      name: 'FeatureViews',
    },
  ],
  security: [
    {
      JWT: [],
    },
  ],
  paths: {
    '/v1/entities/{kind}/{namespace}/{name}/registry': {
      get: {
        operationId: 'GetRegistry',
        tags: ['Registry'],
        summary:
          "A Model's registered model, its aliases and versions (newest first) with their quality gates.",
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The registry view.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RegistryView',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '502': {
            $ref: '#/components/responses/BadGateway',
          },
          '503': {
            $ref: '#/components/responses/ServiceUnavailable',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/promotions': {
      get: {
        operationId: 'GetPromotionHistory',
        tags: ['Registry'],
        summary:
          "The Model's append-only promotion history; with `at`, also where each alias pointed then.",
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'alias',
            in: 'query',
            required: false,
            description: "Only this alias's history.",
            schema: {
              $ref: '#/components/schemas/Alias',
            },
          },
          {
            name: 'at',
            in: 'query',
            required: false,
            description:
              'A time (ISO 8601 with offset); the answer adds where each alias pointed then.',
            schema: {
              type: 'string',
              format: 'date-time',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The history, newest first.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PromotionHistory',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
      post: {
        operationId: 'RequestPromotion',
        tags: ['Registry'],
        summary:
          'Point an alias at a version, behind the quality gates; a protected alias waits for approval.',
        description:
          'Needs `mlops.model.promote` on the Model. Audited as `model-promotion`. A dry run answers 200 with the\nplan and records and moves nothing.\n',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/PromotionRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: "A dry run's plan.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PromotionPlan',
                },
              },
            },
          },
          '201': {
            description:
              'The request as recorded, `completed`, `pending_approval`, or `pending_pull_request` with its pull request (a protected alias of a Model whose registry.changeVia is pull-request).',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PromotionRecord',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
          '422': {
            $ref: '#/components/responses/QualityGatesFailed',
          },
          '502': {
            $ref: '#/components/responses/BadGateway',
          },
          '503': {
            $ref: '#/components/responses/ServiceUnavailable',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/rollbacks': {
      post: {
        operationId: 'RequestRollback',
        tags: ['Registry'],
        summary:
          'Point an alias back at the version it pointed at before its last move.',
        description:
          'Needs `mlops.model.rollback` on the Model. Audited as `model-rollback`.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/RollbackRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The rollback as recorded.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PromotionRecord',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
          '502': {
            $ref: '#/components/responses/BadGateway',
          },
          '503': {
            $ref: '#/components/responses/ServiceUnavailable',
          },
        },
      },
    },
    '/v1/promotions/{id}/approve': {
      post: {
        operationId: 'ApprovePromotion',
        tags: ['Registry'],
        summary:
          'Approve a pending request for a protected alias; the alias moves.',
        description:
          'Needs `mlops.model.approve` on the Model, and a person other than the requester. Audited as\n`model-promotion-approval`.\n',
        parameters: [
          {
            $ref: '#/components/parameters/promotionId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/PromotionDecisionRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The request, decided.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PromotionRecord',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
          '502': {
            $ref: '#/components/responses/BadGateway',
          },
          '503': {
            $ref: '#/components/responses/ServiceUnavailable',
          },
        },
      },
    },
    '/v1/promotions/{id}/reject': {
      post: {
        operationId: 'RejectPromotion',
        tags: ['Registry'],
        summary:
          'Reject a pending request for a protected alias; nothing moves.',
        description:
          'Needs `mlops.model.approve` on the Model. Audited as `model-promotion-rejection`.',
        parameters: [
          {
            $ref: '#/components/parameters/promotionId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/PromotionDecisionRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The request, decided.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PromotionRecord',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
        },
      },
    },
    '/v1/promotions/{id}/release': {
      post: {
        operationId: 'ReleasePromotion',
        tags: ['Registry'],
        summary:
          "Settle a move whose outcome stayed unknown, and release the alias's lock.",
        description:
          'Needs `mlops.model.rollback` on the Model; audited as `model-promotion-release`. The alias is read back:\na move that landed is recorded as completed, one that has not as failed; 409 unless the move is `unknown`.\n',
        parameters: [
          {
            $ref: '#/components/parameters/promotionId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/PromotionReleaseRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The settled request.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PromotionRecord',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
          '502': {
            $ref: '#/components/responses/BadGateway',
          },
          '503': {
            $ref: '#/components/responses/ServiceUnavailable',
          },
        },
      },
    },
    '/v1/registry/models': {
      post: {
        operationId: 'CreateRegisteredModel',
        tags: ['Registry'],
        summary:
          'Create a registered model in one of the configured registry instances.',
        description:
          'Needs `mlops.registry.model.create`. Tags the model with its creator and owner. A name the registry already\nholds is a 409, never adopted. Audited as `registered-model-create`. A dry run answers 200 and creates\nnothing.\n',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CreateRegisteredModelRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: "A dry run's outcome, `would-create`.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/CreateRegisteredModelResult',
                },
              },
            },
          },
          '201': {
            description: 'Created.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/CreateRegisteredModelResult',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
          '502': {
            $ref: '#/components/responses/BadGateway',
          },
          '503': {
            $ref: '#/components/responses/ServiceUnavailable',
          },
        },
      },
    },
    '/v1/rollouts': {
      get: {
        operationId: 'ListRollouts',
        tags: ['Rollouts'],
        summary: "A Model's rollouts, newest first.",
        parameters: [
          {
            name: 'entityRef',
            in: 'query',
            required: true,
            description: 'The Model, e.g. `model:default/fraud-detector`.',
            schema: {
              type: 'string',
              minLength: 1,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The rollouts.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RolloutList',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
      post: {
        operationId: 'StartRollout',
        tags: ['Rollouts'],
        summary:
          'Start a rollout of a Model version (canary, A/B test, shadow or blue-green).',
        description:
          "Needs `mlops.rollout.manage` on the Model; one active rollout per Model (409). The candidate must pass the\nquality gates a promotion would check (422). Refused (409) over traffic no rollout drives, and in GitOps\nmode while the previous rollout's ending is committed but not yet applied (the live serving's\n`pendingGitChange`). Audited as `model-rollout-start`. A dry run answers 200 with the rollout that would\nstart (id `dry-run`) and starts nothing.\n",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/RolloutRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: "A dry run's plan.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RolloutRecord',
                },
              },
            },
          },
          '201': {
            description: 'The rollout, `Progressing`.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RolloutRecord',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
          '422': {
            $ref: '#/components/responses/QualityGatesFailed',
          },
          '502': {
            $ref: '#/components/responses/BadGateway',
          },
          '503': {
            $ref: '#/components/responses/ServiceUnavailable',
          },
        },
      },
    },
    '/v1/rollouts/{id}': {
      get: {
        operationId: 'GetRollout',
        tags: ['Rollouts'],
        summary: 'A rollout with its events.',
        parameters: [
          {
            $ref: '#/components/parameters/rolloutId',
          },
        ],
        responses: {
          '200': {
            description: 'The rollout.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RolloutRecord',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/v1/rollouts/{id}/pause': {
      post: {
        operationId: 'PauseRollout',
        tags: ['Rollouts'],
        summary:
          'Hold a progressing rollout at its step until a person resumes it.',
        description:
          'Needs `mlops.rollout.manage` on the Model. Audited as `model-rollout-pause`.',
        parameters: [
          {
            $ref: '#/components/parameters/rolloutId',
          },
        ],
        requestBody: {
          $ref: '#/components/requestBodies/RolloutControl',
        },
        responses: {
          '200': {
            $ref: '#/components/responses/RolloutControlled',
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
        },
      },
    },
    '/v1/rollouts/{id}/resume': {
      post: {
        operationId: 'ResumeRollout',
        tags: ['Rollouts'],
        summary: 'Continue a paused rollout.',
        description:
          'Needs `mlops.rollout.manage` on the Model. Audited as `model-rollout-resume`.',
        parameters: [
          {
            $ref: '#/components/parameters/rolloutId',
          },
        ],
        requestBody: {
          $ref: '#/components/requestBodies/RolloutControl',
        },
        responses: {
          '200': {
            $ref: '#/components/responses/RolloutControlled',
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
        },
      },
    },
    '/v1/rollouts/{id}/promote': {
      post: {
        operationId: 'PromoteRollout',
        tags: ['Rollouts'],
        summary:
          'Skip the remaining steps, give the candidate all traffic and move the alias.',
        description:
          'Needs `mlops.rollout.manage` on the Model; a shadow has nothing to promote (400). Audited as\n`model-rollout-promote`.\n',
        parameters: [
          {
            $ref: '#/components/parameters/rolloutId',
          },
        ],
        requestBody: {
          $ref: '#/components/requestBodies/RolloutControl',
        },
        responses: {
          '200': {
            $ref: '#/components/responses/RolloutControlled',
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
          '502': {
            $ref: '#/components/responses/BadGateway',
          },
          '503': {
            $ref: '#/components/responses/ServiceUnavailable',
          },
        },
      },
    },
    '/v1/rollouts/{id}/abort': {
      post: {
        operationId: 'AbortRollout',
        tags: ['Rollouts'],
        summary: 'Stop a rollout; the candidate gets 0% and the alias stays.',
        description:
          'Needs `mlops.rollout.manage` on the Model. Audited as `model-rollout-abort`.',
        parameters: [
          {
            $ref: '#/components/parameters/rolloutId',
          },
        ],
        requestBody: {
          $ref: '#/components/requestBodies/RolloutControl',
        },
        responses: {
          '200': {
            $ref: '#/components/responses/RolloutControlled',
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
          '502': {
            $ref: '#/components/responses/BadGateway',
          },
          '503': {
            $ref: '#/components/responses/ServiceUnavailable',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/serving': {
      get: {
        operationId: 'GetLiveServing',
        tags: ['Rollouts'],
        summary:
          "A Model's live split, read from the cluster, with the claim on its serving object and any orphan.",
        description:
          'Which version serves what share, whether a shadow is mirrored, which rollout claims the serving object\n(annotation `mlops.backstage.io/rollout`), whether an active rollout of this portal drives it, and, when\ntraffic is off stable and no rollout drives it, `orphan` in plain words. In GitOps mode, traffic left by a\nrollout of this portal whose ending is committed but not yet applied is `pendingGitChange` instead of an\norphan, until `mlops.gitops.syncTimeout` has passed.\n',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The live serving.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/LiveServing',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '502': {
            $ref: '#/components/responses/BadGateway',
          },
          '503': {
            $ref: '#/components/responses/ServiceUnavailable',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/serving/gitops': {
      get: {
        operationId: 'GetServingGitOps',
        tags: ['Rollouts'],
        summary:
          "A GitOps Model's manifest in Git, its revision, whether live matches it, and its Argo CD Application.",
        description:
          "For a Model with `spec.serving.gitops`: the repository, path, branch and mode with their web pages; the\nbranch head and the newest commit that changed the manifest; whether the live object (read from the\ncluster) matches the manifest at that head on the fields the platform's router writes (weights, versions,\nshadow, claim), each difference in words; and, with `controller.type: argocd`, the Application's sync and\nhealth status, synced revision and page. Read with the caller's credentials like the other reads. A Model\nwithout `spec.serving.gitops` is a 404. Git that cannot be read is a 502/503 naming GitHub; the cluster and\nArgo CD are reported per part (`live.state: unknown`, `argocd.error`), so the page still shows what Git says.\n",
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: "The Model's serving as Git has it.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ServingGitOps',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '502': {
            $ref: '#/components/responses/BadGateway',
          },
          '503': {
            $ref: '#/components/responses/ServiceUnavailable',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/serving/return-to-stable': {
      post: {
        operationId: 'ReturnToStable',
        tags: ['Rollouts'],
        summary:
          'Return all traffic to stable and clear the claim, in one write.',
        description:
          "Needs `mlops.rollout.manage` on the Model; audited as `model-serving-return-to-stable`. Refused (409) while\nan active rollout of this portal drives the traffic (abort it instead), while an ended rollout's Git change\nwaits to be applied (`pendingGitChange`), and when the serving object's claim is not `expectedClaim`\n(default: the claim read just before). In GitOps mode (`spec.serving.gitops`) the\nwrite is a direct commit of the manifest, even in pull-request mode, answered in `git`; the live split\nchanges when the GitOps controller applies it. A Model in GitOps mode on a platform that cannot be managed\nfrom Git (Seldon Core v2) is refused (400) before anything is written.\n",
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/ReturnToStableRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The live serving after the write.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/LiveServing',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
          '502': {
            $ref: '#/components/responses/BadGateway',
          },
          '503': {
            $ref: '#/components/responses/ServiceUnavailable',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/health': {
      get: {
        operationId: 'GetModelHealth',
        tags: ['Health'],
        summary:
          "A Model's status, per-predictor traffic, errors and latency, alerts and drift.",
        description:
          'A source that cannot be read (Prometheus, the cluster) is reported in `sources` and makes the status\n`unknown`; the route itself still answers 200.\n',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: "The Model's health.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ModelHealth',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/health/series': {
      get: {
        operationId: 'GetModelHealthSeries',
        tags: ['Health'],
        summary:
          'One health metric per predictor over a fixed range, for charts.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'metric',
            in: 'query',
            required: true,
            schema: {
              $ref: '#/components/schemas/HealthSeriesMetric',
            },
          },
          {
            name: 'range',
            in: 'query',
            required: false,
            description: 'The time range; `1h` when absent.',
            schema: {
              type: 'string',
              enum: ['15m', '1h', '6h', '24h', '7d'],
            },
          },
        ],
        responses: {
          '200': {
            description: 'The series.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/HealthSeries',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '502': {
            $ref: '#/components/responses/BadGateway',
          },
          '503': {
            $ref: '#/components/responses/ServiceUnavailable',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/retraining': {
      get: {
        operationId: 'ListRetrainingRuns',
        tags: ['Health'],
        summary:
          "The Kubeflow runs the portal started because the Model's inputs drifted, newest first.",
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The runs.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/RetrainingRun',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/runs': {
      get: {
        operationId: 'GetPipelineRuns',
        tags: ['Pipelines'],
        summary:
          "A Pipeline's recent Kubeflow runs, recurring runs and run parameters.",
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: "The pipeline's runs.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PipelineRunsView',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '502': {
            $ref: '#/components/responses/BadGateway',
          },
          '503': {
            $ref: '#/components/responses/ServiceUnavailable',
          },
        },
      },
      post: {
        operationId: 'StartPipelineRun',
        tags: ['Pipelines'],
        summary: "Start a Kubeflow run of the Pipeline's pipeline.",
        description:
          "Needs `mlops.pipeline.run` on the Pipeline. The parameters are checked against the pipeline's declared\ninputs (400 naming each wrong one). Audited as `pipeline-run-start`.\n",
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/PipelineRunRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The run, as Kubeflow reports it when started.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PipelineRunSummary',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '502': {
            $ref: '#/components/responses/BadGateway',
          },
          '503': {
            $ref: '#/components/responses/ServiceUnavailable',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/feast': {
      get: {
        operationId: 'GetFeatureViewStatus',
        tags: ['FeatureViews'],
        summary:
          "A FeatureView as Feast's registry holds it now, with its freshness and its differences from the catalog.",
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The feature view.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/FeatureViewStatus',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '502': {
            $ref: '#/components/responses/BadGateway',
          },
          '503': {
            $ref: '#/components/responses/ServiceUnavailable',
          },
        },
      },
    },
    '/v1/entities/{kind}/{namespace}/{name}/model-card': {
      get: {
        operationId: 'GetModelCard',
        tags: ['Model card'],
        summary:
          "A Model's card, its written sections with their source and the facts the portal reads for it.",
        description:
          "The text comes from a `MODEL_CARD.md` beside the entity's catalog file (read from the catalog's own location\nannotations through the backend's URL reader, or from disk for a `file:` location), which wins as a whole,\nelse from `spec.modelCard`. `missing` lists the expected sections not written. The facts (champion and\nchallenger with their metrics against the quality gates and per slice, the Kubeflow run that registered\neach, feature views and training pipeline, owner) are never typed by hand. A registry that cannot be read\ndoes not fail the card: `unavailable` names it and the reason. Needs catalog read access to the Model.\n",
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The card.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ModelCard',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      JWT: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      },
    },
    parameters: {
      kind: {
        name: 'kind',
        in: 'path',
        required: true,
        description:
          "The entity's kind, e.g. `model`, `pipeline`, `featureview`; each route answers 400 for others.",
        schema: {
          type: 'string',
        },
      },
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        description: "The entity's namespace, e.g. `default`.",
        schema: {
          type: 'string',
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        description: "The entity's name.",
        schema: {
          type: 'string',
        },
      },
      promotionId: {
        name: 'id',
        in: 'path',
        required: true,
        description: "A promotion request's id.",
        schema: {
          type: 'string',
        },
      },
      rolloutId: {
        name: 'id',
        in: 'path',
        required: true,
        description: "A rollout's id.",
        schema: {
          type: 'string',
        },
      },
    },
    requestBodies: {
      RolloutControl: {
        required: true,
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/RolloutControlRequest',
            },
          },
        },
      },
    },
    responses: {
      RolloutControlled: {
        description: 'The rollout after the action.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/RolloutRecord',
            },
          },
        },
      },
      BadRequest: {
        description:
          'The request does not validate (the message names every bad field) or does not fit the entity.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      Unauthorized: {
        description:
          "No valid token, or a service token where a user's is needed.",
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      Forbidden: {
        description: 'The permission policy denies the action on this entity.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      NotFound: {
        description:
          'No such entity (or not visible to the caller), version, request or rollout.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      Conflict: {
        description:
          'The state changed or does not allow it (moved meanwhile, already decided, already running).',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      QualityGatesFailed: {
        description:
          'The version fails its quality gates; nothing moved or started.',
        content: {
          'application/json': {
            schema: {
              allOf: [
                {
                  $ref: '#/components/schemas/Error',
                },
                {
                  type: 'object',
                  required: ['gates'],
                  properties: {
                    gates: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/GateResult',
                      },
                    },
                    promotion: {
                      $ref: '#/components/schemas/PromotionRecord',
                      description:
                        'For a promotion, the blocked request as the history records it.',
                    },
                  },
                },
              ],
            },
          },
        },
      },
      BadGateway: {
        description:
          'An upstream (registry, Kubeflow, Feast, Prometheus, a cluster) answered with an error.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      ServiceUnavailable: {
        description: 'An upstream could not be reached; the message names it.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        description: "Backstage's error body.",
        required: ['error', 'response'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
          },
          response: {
            type: 'object',
            required: ['statusCode'],
            properties: {
              statusCode: {
                type: 'integer',
              },
            },
          },
        },
      },
      Alias: {
        type: 'string',
        description:
          'A registry alias; not `latest` or `v<number>`, which MLflow reserves (aliasSchema).',
        minLength: 1,
        maxLength: 256,
        pattern: '^[A-Za-z0-9_-]+$',
      },
      Reason: {
        type: 'string',
        description: 'Why; kept in the history (reasonSchema).',
        minLength: 3,
        maxLength: 2000,
      },
      RegistryVersion: {
        type: 'string',
        description:
          'A registry version number, e.g. "7" (registryVersionSchema).',
        pattern: '^\\d+$',
      },
      PromotionRequest: {
        type: 'object',
        description: 'promotionRequestSchema',
        additionalProperties: false,
        required: ['alias', 'version', 'reason'],
        properties: {
          alias: {
            $ref: '#/components/schemas/Alias',
          },
          version: {
            $ref: '#/components/schemas/RegistryVersion',
          },
          reason: {
            $ref: '#/components/schemas/Reason',
          },
          expectedCurrentVersion: {
            type: ['string', 'null'],
            pattern: '^\\d+$',
            description:
              'Refuse (409) unless the alias still points here (null, unset).',
          },
          dryRun: {
            type: 'boolean',
            description:
              'Check gates and approval and answer with the plan, moving and recording nothing.',
          },
        },
      },
      RollbackRequest: {
        type: 'object',
        description: 'rollbackRequestSchema',
        additionalProperties: false,
        required: ['alias', 'reason'],
        properties: {
          alias: {
            $ref: '#/components/schemas/Alias',
          },
          reason: {
            $ref: '#/components/schemas/Reason',
          },
        },
      },
      PromotionReleaseRequest: {
        type: 'object',
        description: 'promotionReleaseRequestSchema',
        additionalProperties: false,
        required: ['reason'],
        properties: {
          reason: {
            $ref: '#/components/schemas/Reason',
          },
        },
      },
      PromotionDecisionRequest: {
        type: 'object',
        description: 'promotionDecisionRequestSchema',
        additionalProperties: false,
        required: ['comment'],
        properties: {
          comment: {
            $ref: '#/components/schemas/Reason',
          },
        },
      },
      CreateRegisteredModelRequest: {
        type: 'object',
        description: 'createRegisteredModelRequestSchema',
        additionalProperties: false,
        required: ['name'],
        properties: {
          instance: {
            type: 'string',
            minLength: 1,
            maxLength: 128,
            description:
              'The registry instance in app-config; the first when absent.',
          },
          name: {
            type: 'string',
            pattern: '^[a-z0-9]([-a-z0-9_.]{0,126}[a-z0-9])?$',
          },
          description: {
            type: 'string',
            maxLength: 2000,
          },
          owner: {
            type: 'string',
            minLength: 1,
            maxLength: 256,
            description:
              'The owning group or user, kept as the tag `backstage.io/owner`.',
          },
          dryRun: {
            type: 'boolean',
          },
        },
      },
      RolloutStep: {
        type: 'object',
        description: 'rolloutStepSchema',
        additionalProperties: false,
        required: ['weight', 'durationSeconds'],
        properties: {
          weight: {
            type: 'integer',
            minimum: 0,
            maximum: 100,
          },
          durationSeconds: {
            type: 'integer',
            minimum: 0,
            maximum: 604800,
          },
        },
      },
      RolloutAnalysisRequest: {
        type: 'object',
        description:
          "rolloutAnalysisRequestSchema; overrides of the default analysis' timing and limits.",
        additionalProperties: false,
        properties: {
          intervalSeconds: {
            type: 'integer',
            minimum: 1,
            maximum: 3600,
          },
          initialDelaySeconds: {
            type: 'integer',
            minimum: 0,
            maximum: 3600,
          },
          count: {
            type: 'integer',
            minimum: 1,
            maximum: 100,
          },
          failureLimit: {
            type: 'integer',
            minimum: 0,
            maximum: 100,
          },
          inconclusiveLimit: {
            type: 'integer',
            minimum: 0,
            maximum: 100,
          },
          consecutiveErrorLimit: {
            type: 'integer',
            minimum: 0,
            maximum: 100,
          },
        },
      },
      ShadowRequest: {
        type: 'object',
        description: 'shadowRequestSchema',
        additionalProperties: false,
        properties: {
          durationSeconds: {
            type: 'integer',
            minimum: 10,
            maximum: 2592000,
          },
          intervalSeconds: {
            type: 'integer',
            minimum: 1,
            maximum: 3600,
          },
          maxPsi: {
            type: 'number',
            exclusiveMinimum: 0,
            maximum: 10,
          },
          maxJensenShannon: {
            type: 'number',
            exclusiveMinimum: 0,
            maximum: 1,
          },
          minPredictions: {
            type: 'integer',
            minimum: 1,
            maximum: 1000000000,
          },
        },
      },
      BlueGreenRequest: {
        type: 'object',
        description: 'blueGreenRequestSchema',
        additionalProperties: false,
        properties: {
          readinessTimeoutSeconds: {
            type: 'integer',
            minimum: 10,
            maximum: 86400,
          },
          warmSeconds: {
            type: 'integer',
            minimum: 0,
            maximum: 604800,
          },
        },
      },
      AbTestRequest: {
        type: 'object',
        description: 'abTestRequestSchema',
        additionalProperties: false,
        required: ['baselineRate', 'minimumDetectableEffect'],
        properties: {
          candidateShare: {
            type: 'integer',
            minimum: 1,
            maximum: 99,
            description:
              "The candidate's share of traffic, in percent (default 50).",
          },
          baselineRate: {
            type: 'number',
            exclusiveMinimum: 0,
            exclusiveMaximum: 1,
            description: "The stable version's success rate, e.g. 0.05.",
          },
          minimumDetectableEffect: {
            type: 'number',
            exclusiveMinimum: -1,
            exclusiveMaximum: 1,
            description:
              'The smallest absolute change of the success rate worth detecting, e.g. 0.01.',
          },
          alpha: {
            type: 'number',
            exclusiveMinimum: 0,
            maximum: 0.2,
          },
          power: {
            type: 'number',
            minimum: 0.5,
            exclusiveMaximum: 1,
          },
          maxDurationSeconds: {
            type: 'integer',
            minimum: 60,
            maximum: 7776000,
          },
          intervalSeconds: {
            type: 'integer',
            minimum: 1,
            maximum: 3600,
          },
        },
      },
      RolloutRequest: {
        type: 'object',
        description: 'rolloutRequestSchema',
        additionalProperties: false,
        required: ['entityRef', 'version'],
        properties: {
          entityRef: {
            type: 'string',
            minLength: 1,
            description: 'The Model, e.g. `model:default/fraud-detector`.',
          },
          version: {
            $ref: '#/components/schemas/RegistryVersion',
          },
          alias: {
            $ref: '#/components/schemas/Alias',
            description:
              'The alias to move on success; `champion` when absent.',
          },
          steps: {
            type: 'array',
            description:
              "A canary's steps; the last must give the canary 100%.",
            minItems: 1,
            maxItems: 20,
            items: {
              $ref: '#/components/schemas/RolloutStep',
            },
          },
          analysis: {
            $ref: '#/components/schemas/RolloutAnalysisRequest',
          },
          strategy: {
            $ref: '#/components/schemas/RolloutStrategy',
          },
          shadow: {
            $ref: '#/components/schemas/ShadowRequest',
          },
          blueGreen: {
            $ref: '#/components/schemas/BlueGreenRequest',
          },
          abTest: {
            $ref: '#/components/schemas/AbTestRequest',
          },
          dryRun: {
            type: 'boolean',
            description:
              'Run every check and answer with the rollout that would start, starting nothing.',
          },
          reason: {
            $ref: '#/components/schemas/Reason',
            description: "Why it starts; kept in the rollout's first event.",
          },
        },
      },
      RolloutControlRequest: {
        type: 'object',
        description: 'rolloutControlRequestSchema',
        additionalProperties: false,
        required: ['reason'],
        properties: {
          reason: {
            $ref: '#/components/schemas/Reason',
          },
        },
      },
      PipelineRunRequest: {
        type: 'object',
        description: 'pipelineRunRequestSchema',
        additionalProperties: false,
        properties: {
          parameters: {
            type: 'object',
            description: "The run's parameters by the pipeline's input names.",
            additionalProperties: {
              anyOf: [
                {
                  type: 'string',
                },
                {
                  type: 'number',
                },
                {
                  type: 'boolean',
                },
                {
                  type: 'array',
                  items: {},
                },
                {
                  type: 'object',
                  additionalProperties: {},
                },
              ],
            },
          },
          displayName: {
            type: 'string',
            minLength: 1,
            maxLength: 128,
          },
          experiment: {
            type: 'string',
            minLength: 1,
            maxLength: 128,
            description:
              'The Kubeflow experiment (display name); created when missing.',
          },
          pipelineVersionId: {
            type: 'string',
            minLength: 1,
            maxLength: 64,
            description: 'A pipeline version id; the latest when absent.',
          },
        },
      },
      HealthSeriesMetric: {
        type: 'string',
        description: 'healthSeriesMetricSchema',
        enum: ['requestsPerSecond', 'errorRate', 'p50', 'p95', 'p99'],
      },
      CreateRegisteredModelResult: {
        type: 'object',
        description: 'createRegisteredModelResultSchema',
        required: ['instance', 'name', 'outcome'],
        properties: {
          instance: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          outcome: {
            type: 'string',
            enum: ['created', 'would-create'],
          },
        },
      },
      GateResult: {
        type: 'object',
        description:
          "gateResultSchema; one quality gate's outcome for one version.",
        required: ['metric', 'kind', 'threshold', 'passed'],
        properties: {
          metric: {
            type: 'string',
          },
          kind: {
            type: 'string',
            enum: ['min', 'max', 'minRatioOfChampion', 'maxRatioOfChampion'],
          },
          threshold: {
            type: 'number',
          },
          effectiveThreshold: {
            type: 'number',
          },
          measured: {
            type: 'number',
          },
          champion: {
            type: 'number',
          },
          passed: {
            type: 'boolean',
          },
          reason: {
            type: 'string',
          },
        },
      },
      ModelVersionSummary: {
        type: 'object',
        description: 'modelVersionSummarySchema',
        required: [
          'version',
          'status',
          'createdAt',
          'aliases',
          'metrics',
          'gates',
          'gatesPassed',
        ],
        properties: {
          version: {
            type: 'string',
          },
          status: {
            type: 'string',
          },
          runId: {
            type: 'string',
          },
          source: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
          },
          createdBy: {
            type: 'string',
          },
          aliases: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          metrics: {
            type: 'object',
            additionalProperties: {
              type: 'number',
            },
          },
          gates: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/GateResult',
            },
          },
          gatesPassed: {
            type: 'boolean',
          },
        },
      },
      AliasState: {
        type: 'object',
        description: 'aliasStateSchema',
        required: ['alias', 'version', 'protected'],
        properties: {
          alias: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
          protected: {
            type: 'boolean',
          },
          movedAt: {
            type: 'string',
          },
          movedBy: {
            type: 'string',
          },
          promotionId: {
            type: 'string',
          },
        },
      },
      RegistryView: {
        type: 'object',
        description: 'registryViewSchema',
        required: [
          'instance',
          'registeredModel',
          'protectedAliases',
          'aliases',
          'versions',
        ],
        properties: {
          instance: {
            type: 'string',
          },
          registeredModel: {
            type: 'object',
            required: ['name', 'tags'],
            properties: {
              name: {
                type: 'string',
              },
              description: {
                type: 'string',
              },
              createdAt: {
                type: 'string',
              },
              updatedAt: {
                type: 'string',
              },
              tags: {
                type: 'object',
                additionalProperties: {
                  type: 'string',
                },
              },
            },
          },
          protectedAliases: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          aliases: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/AliasState',
            },
          },
          versions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ModelVersionSummary',
            },
          },
        },
      },
      PromotionState: {
        type: 'string',
        description: 'promotionStateSchema',
        enum: [
          'pending_approval',
          'pending_pull_request',
          'in_progress',
          'completed',
          'blocked',
          'rejected',
          'failed',
          'unknown',
        ],
      },
      PromotionRecord: {
        type: 'object',
        description:
          "promotionRecordSchema; one entry of a Model's append-only promotion history.",
        required: [
          'id',
          'entityRef',
          'instance',
          'registeredModel',
          'action',
          'alias',
          'toVersion',
          'reason',
          'state',
          'requestedBy',
          'requestedAt',
          'gates',
        ],
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          instance: {
            type: 'string',
          },
          registeredModel: {
            type: 'string',
          },
          action: {
            type: 'string',
            enum: ['promote', 'rollback'],
          },
          alias: {
            type: 'string',
          },
          fromVersion: {
            type: 'string',
          },
          toVersion: {
            type: 'string',
          },
          reason: {
            type: 'string',
          },
          state: {
            $ref: '#/components/schemas/PromotionState',
          },
          requestedBy: {
            type: 'string',
          },
          requestedAt: {
            type: 'string',
          },
          gates: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/GateResult',
            },
          },
          decidedBy: {
            type: 'string',
          },
          decisionComment: {
            type: 'string',
          },
          decidedAt: {
            type: 'string',
          },
          completedAt: {
            type: 'string',
          },
          error: {
            type: 'string',
          },
          outcomeLearnedAt: {
            type: 'string',
            description:
              'When reconciliation or an operator learned the outcome of a move recorded as unknown.',
          },
          pullRequest: {
            $ref: '#/components/schemas/PromotionPullRequest',
          },
        },
      },
      PromotionPullRequest: {
        type: 'object',
        description:
          'promotionPullRequestSchema; the pull request against the alias file a promotion in pull-request mode opened (registry.changeVia pull-request). Its review is the approval; merged, CI applies the file to the registry.',
        required: ['number', 'url', 'state', 'repoUrl', 'path'],
        properties: {
          number: {
            type: 'integer',
          },
          url: {
            type: 'string',
          },
          state: {
            type: 'string',
            enum: ['open', 'merged', 'closed'],
          },
          repoUrl: {
            type: 'string',
          },
          path: {
            type: 'string',
          },
          mergedBy: {
            type: 'string',
            description:
              "The Git host's login of who merged it (GitHub's merged_by.login).",
          },
          mergedAt: {
            type: 'string',
          },
          closedAt: {
            type: 'string',
          },
        },
      },
      PromotionPlan: {
        type: 'object',
        description: 'promotionPlanSchema; what a dry run would do.',
        required: [
          'alias',
          'toVersion',
          'gates',
          'gatesPassed',
          'needsApproval',
        ],
        properties: {
          alias: {
            type: 'string',
          },
          fromVersion: {
            type: 'string',
          },
          toVersion: {
            type: 'string',
          },
          gates: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/GateResult',
            },
          },
          gatesPassed: {
            type: 'boolean',
          },
          needsApproval: {
            type: 'boolean',
          },
          viaPullRequest: {
            type: 'boolean',
            description:
              "The approval would be a pull request's review against the alias file (registry.changeVia pull-request).",
          },
        },
      },
      PromotionHistory: {
        type: 'object',
        description: 'promotionHistorySchema',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/PromotionRecord',
            },
          },
          at: {
            type: 'string',
          },
          aliasesAt: {
            type: 'object',
            additionalProperties: {
              type: 'string',
            },
          },
        },
      },
      RolloutStrategy: {
        type: 'string',
        description: 'rolloutStrategySchema',
        enum: ['canary', 'abtest', 'shadow', 'bluegreen'],
      },
      RolloutState: {
        type: 'string',
        description: 'rolloutStateSchema',
        enum: [
          'Progressing',
          'Paused',
          'Succeeded',
          'RolledBack',
          'Aborted',
          'Failed',
        ],
      },
      RolloutEvent: {
        description: 'rolloutEventSchema',
        oneOf: [
          {
            type: 'object',
            required: ['type', 'at', 'actor', 'stepIndex', 'to', 'reason'],
            properties: {
              type: {
                type: 'string',
                const: 'transition',
              },
              at: {
                type: 'string',
              },
              actor: {
                type: 'string',
              },
              stepIndex: {
                type: 'integer',
              },
              from: {
                $ref: '#/components/schemas/RolloutState',
              },
              to: {
                $ref: '#/components/schemas/RolloutState',
              },
              reason: {
                type: 'string',
              },
              weight: {
                type: 'number',
              },
              git: {
                $ref: '#/components/schemas/RolloutGitChange',
              },
            },
          },
          {
            type: 'object',
            required: ['type', 'at', 'actor', 'stepIndex', 'metric', 'phase'],
            properties: {
              type: {
                type: 'string',
                const: 'measurement',
              },
              at: {
                type: 'string',
              },
              actor: {
                type: 'string',
              },
              stepIndex: {
                type: 'integer',
              },
              metric: {
                type: 'string',
              },
              phase: {
                type: 'string',
                enum: ['Successful', 'Failed', 'Inconclusive', 'Error'],
              },
              value: {
                type: 'number',
              },
              stableValue: {
                type: 'number',
              },
              message: {
                type: 'string',
              },
            },
          },
        ],
      },
      RolloutGitChange: {
        type: 'object',
        description: 'rolloutGitChangeSchema',
        required: ['status'],
        properties: {
          sha: {
            type: 'string',
          },
          url: {
            type: 'string',
          },
          pullRequest: {
            type: 'object',
            required: ['number', 'url'],
            properties: {
              number: {
                type: 'integer',
              },
              url: {
                type: 'string',
              },
            },
          },
          direct: {
            type: 'boolean',
          },
          status: {
            type: 'string',
            enum: ['awaiting-merge', 'awaiting-sync', 'applied'],
          },
        },
      },
      AnalysisCondition: {
        type: 'object',
        description: 'analysisConditionSchema',
        required: ['operator', 'threshold'],
        properties: {
          operator: {
            type: 'string',
            enum: ['<', '<=', '>', '>='],
          },
          threshold: {
            type: 'number',
          },
        },
      },
      RolloutAnalysisSummary: {
        type: 'object',
        description: 'rolloutAnalysisSummarySchema',
        required: ['name', 'successCondition', 'intervalSeconds', 'count'],
        properties: {
          name: {
            type: 'string',
          },
          successCondition: {
            $ref: '#/components/schemas/AnalysisCondition',
          },
          failureCondition: {
            $ref: '#/components/schemas/AnalysisCondition',
          },
          maxRatioToStable: {
            type: 'number',
          },
          intervalSeconds: {
            type: 'number',
          },
          initialDelaySeconds: {
            type: 'number',
          },
          count: {
            type: 'number',
          },
        },
      },
      ShadowPlan: {
        type: 'object',
        description: 'shadowPlanSchema',
        required: [
          'durationSeconds',
          'intervalSeconds',
          'maxPsi',
          'maxJensenShannon',
          'minPredictions',
        ],
        properties: {
          durationSeconds: {
            type: 'number',
          },
          intervalSeconds: {
            type: 'number',
          },
          maxPsi: {
            type: 'number',
          },
          maxJensenShannon: {
            type: 'number',
          },
          minPredictions: {
            type: 'number',
          },
        },
      },
      BlueGreenPlan: {
        type: 'object',
        description: 'blueGreenPlanSchema',
        required: ['readinessTimeoutSeconds', 'warmSeconds'],
        properties: {
          readinessTimeoutSeconds: {
            type: 'number',
          },
          warmSeconds: {
            type: 'number',
          },
          smokeRequests: {
            type: 'array',
            description:
              "The Model's `spec.serving.smokeRequests` when the rollout started.",
            items: {
              type: 'object',
              required: ['name', 'path', 'body'],
              properties: {
                name: {
                  type: 'string',
                },
                path: {
                  type: 'string',
                },
                body: {
                  type: 'object',
                  additionalProperties: {},
                },
                expectStatus: {
                  type: 'integer',
                },
              },
            },
          },
        },
      },
      AbTestPlan: {
        type: 'object',
        description: 'abTestPlanSchema',
        required: [
          'candidateShare',
          'baselineRate',
          'minimumDetectableEffect',
          'alpha',
          'power',
          'plannedPerArm',
          'maxDurationSeconds',
          'intervalSeconds',
        ],
        properties: {
          candidateShare: {
            type: 'number',
          },
          baselineRate: {
            type: 'number',
          },
          minimumDetectableEffect: {
            type: 'number',
          },
          alpha: {
            type: 'number',
          },
          power: {
            type: 'number',
          },
          plannedPerArm: {
            type: 'number',
          },
          maxDurationSeconds: {
            type: 'number',
          },
          intervalSeconds: {
            type: 'number',
          },
        },
      },
      RolloutRecord: {
        type: 'object',
        description: 'rolloutRecordSchema',
        required: [
          'id',
          'entityRef',
          'candidateVersion',
          'alias',
          'target',
          'strategy',
          'steps',
          'analysis',
          'analysisMetrics',
          'stepIndex',
          'state',
          'createdBy',
          'createdAt',
          'updatedAt',
        ],
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          candidateVersion: {
            type: 'string',
          },
          baselineVersion: {
            type: 'string',
          },
          alias: {
            type: 'string',
          },
          target: {
            type: 'object',
            required: ['platform', 'cluster', 'namespace', 'name', 'modelUri'],
            properties: {
              platform: {
                type: 'string',
                description: "The Model's `spec.serving.platform`.",
              },
              cluster: {
                type: 'string',
              },
              namespace: {
                type: 'string',
              },
              name: {
                type: 'string',
              },
              modelUri: {
                type: 'string',
              },
            },
          },
          strategy: {
            $ref: '#/components/schemas/RolloutStrategy',
          },
          abTest: {
            $ref: '#/components/schemas/AbTestPlan',
          },
          shadow: {
            $ref: '#/components/schemas/ShadowPlan',
          },
          blueGreen: {
            $ref: '#/components/schemas/BlueGreenPlan',
          },
          pendingPromotionId: {
            type: 'string',
          },
          steps: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/RolloutStep',
            },
          },
          analysis: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          analysisMetrics: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/RolloutAnalysisSummary',
            },
          },
          stepIndex: {
            type: 'integer',
          },
          stepStartedAt: {
            type: 'string',
          },
          state: {
            $ref: '#/components/schemas/RolloutState',
          },
          stateReason: {
            type: 'string',
          },
          createdBy: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
          },
          updatedAt: {
            type: 'string',
          },
          events: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/RolloutEvent',
            },
          },
        },
      },
      RolloutClaim: {
        type: 'object',
        description: 'rolloutClaimSchema',
        additionalProperties: false,
        required: ['rolloutId', 'instanceId'],
        properties: {
          rolloutId: {
            type: 'string',
            minLength: 1,
            maxLength: 256,
          },
          instanceId: {
            type: 'string',
            minLength: 1,
            maxLength: 1024,
          },
        },
      },
      ReturnToStableRequest: {
        type: 'object',
        description: 'returnToStableRequestSchema',
        additionalProperties: false,
        required: ['reason'],
        properties: {
          reason: {
            $ref: '#/components/schemas/Reason',
          },
          expectedClaim: {
            description:
              'The claim the caller saw (a RolloutClaim); null for none.',
            type: ['object', 'null'],
            additionalProperties: false,
            required: ['rolloutId', 'instanceId'],
            properties: {
              rolloutId: {
                type: 'string',
                minLength: 1,
                maxLength: 256,
              },
              instanceId: {
                type: 'string',
                minLength: 1,
                maxLength: 1024,
              },
            },
          },
        },
      },
      ServedShare: {
        type: 'object',
        required: ['weight'],
        properties: {
          version: {
            type: 'string',
          },
          weight: {
            type: 'number',
          },
        },
      },
      LiveServing: {
        type: 'object',
        description: 'liveServingSchema',
        required: [
          'entityRef',
          'platform',
          'platformTitle',
          'target',
          'split',
          'readAt',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          platform: {
            type: 'string',
          },
          platformTitle: {
            type: 'string',
          },
          target: {
            type: 'object',
            required: ['cluster', 'namespace', 'name'],
            properties: {
              cluster: {
                type: 'string',
              },
              namespace: {
                type: 'string',
              },
              name: {
                type: 'string',
              },
            },
          },
          split: {
            type: 'object',
            required: ['stable'],
            properties: {
              stable: {
                $ref: '#/components/schemas/ServedShare',
              },
              canary: {
                $ref: '#/components/schemas/ServedShare',
              },
              shadow: {
                type: 'object',
                properties: {
                  version: {
                    type: 'string',
                  },
                },
              },
            },
          },
          claim: {
            $ref: '#/components/schemas/RolloutClaim',
          },
          drivenBy: {
            type: 'object',
            required: ['rolloutId', 'state'],
            properties: {
              rolloutId: {
                type: 'string',
              },
              state: {
                $ref: '#/components/schemas/RolloutState',
              },
            },
          },
          pendingGitChange: {
            type: 'object',
            description:
              "GitOps mode: the claim names a rollout of this portal that has ended, and its ending's commit is not live yet (within `mlops.gitops.syncTimeout` of the ending). The traffic is then not an orphan: it follows when the GitOps controller applies the commit. Past the timeout it is reported as `orphan`.",
            required: [
              'sha',
              'rolloutId',
              'state',
              'ending',
              'since',
              'message',
            ],
            properties: {
              sha: {
                type: 'string',
              },
              url: {
                type: 'string',
                description: "The commit's web page.",
              },
              rolloutId: {
                type: 'string',
              },
              state: {
                $ref: '#/components/schemas/RolloutState',
              },
              ending: {
                type: 'string',
                description:
                  'The ending in words (`abort`, `rollback`, `promotion`, `end of the shadow`).',
              },
              since: {
                type: 'string',
                description: 'When the ending was committed (ISO 8601).',
              },
              message: {
                type: 'string',
                description:
                  'In plain words, e.g. "Waiting for Git change 1a2b3c4 (the abort of rollout r1) to be applied".',
              },
            },
          },
          orphan: {
            type: 'string',
            description:
              'Traffic off stable that no rollout of this portal drives, in plain words.',
          },
          readAt: {
            type: 'string',
          },
          git: {
            $ref: '#/components/schemas/RolloutGitChange',
            description:
              'Only in the answer of a return to stable in GitOps mode: the direct commit it made (status `awaiting-sync`). The split is still the live one, which follows when the GitOps controller applies it.',
          },
        },
      },
      ServingGitOps: {
        type: 'object',
        description: 'servingGitOpsSchema',
        required: ['entityRef', 'source', 'revision', 'live', 'readAt'],
        properties: {
          entityRef: {
            type: 'string',
          },
          source: {
            type: 'object',
            description: "The Model's `spec.serving.gitops`, with web pages.",
            required: ['repoUrl', 'path', 'branch', 'mode', 'links'],
            properties: {
              repoUrl: {
                type: 'string',
              },
              path: {
                type: 'string',
              },
              branch: {
                type: 'string',
              },
              mode: {
                type: 'string',
                enum: ['commit', 'pull-request'],
              },
              links: {
                type: 'object',
                required: ['repo', 'branch', 'file'],
                properties: {
                  repo: {
                    type: 'string',
                  },
                  branch: {
                    type: 'string',
                  },
                  file: {
                    type: 'string',
                  },
                },
              },
            },
          },
          revision: {
            type: 'object',
            required: ['branchHead'],
            properties: {
              branchHead: {
                type: 'object',
                required: ['sha', 'url'],
                properties: {
                  sha: {
                    type: 'string',
                  },
                  url: {
                    type: 'string',
                  },
                },
              },
              lastCommit: {
                type: 'object',
                description:
                  'The newest commit on the branch that changed the manifest.',
                required: ['sha', 'url', 'title'],
                properties: {
                  sha: {
                    type: 'string',
                  },
                  url: {
                    type: 'string',
                  },
                  title: {
                    type: 'string',
                  },
                  author: {
                    type: 'string',
                  },
                  date: {
                    type: 'string',
                  },
                },
              },
            },
          },
          live: {
            type: 'object',
            required: ['state', 'differences'],
            properties: {
              state: {
                type: 'string',
                enum: ['matches', 'differs', 'unknown'],
              },
              differences: {
                type: 'array',
                items: {
                  type: 'string',
                },
              },
              message: {
                type: 'string',
                description: 'Why the state is unknown.',
              },
            },
          },
          argocd: {
            type: 'object',
            description:
              'The Argo CD Application applying the manifest; `error` when Argo CD could not be read.',
            required: ['instance', 'application'],
            properties: {
              instance: {
                type: 'string',
              },
              application: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
              sync: {
                type: 'string',
              },
              health: {
                type: 'string',
              },
              revision: {
                type: 'string',
              },
              revisionUrl: {
                type: 'string',
              },
              error: {
                type: 'object',
                required: ['status', 'message'],
                properties: {
                  status: {
                    type: 'integer',
                  },
                  message: {
                    type: 'string',
                  },
                },
              },
            },
          },
          readAt: {
            type: 'string',
          },
        },
      },
      RolloutList: {
        type: 'object',
        description: 'rolloutListSchema',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/RolloutRecord',
            },
          },
        },
      },
      PredictorHealth: {
        type: 'object',
        required: ['predictor', 'latency'],
        properties: {
          predictor: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
          requestsPerSecond: {
            type: 'number',
          },
          errorRate: {
            type: 'number',
            description: 'Share of failed requests, 0..1.',
          },
          latency: {
            type: 'object',
            description: 'Latency quantiles in seconds.',
            properties: {
              p50: {
                type: 'number',
              },
              p95: {
                type: 'number',
              },
              p99: {
                type: 'number',
              },
            },
          },
        },
      },
      ModelAlert: {
        type: 'object',
        required: ['name', 'state', 'labels'],
        properties: {
          name: {
            type: 'string',
          },
          state: {
            type: 'string',
            enum: ['firing', 'pending'],
          },
          severity: {
            type: 'string',
          },
          summary: {
            type: 'string',
          },
          activeAt: {
            type: 'string',
          },
          labels: {
            type: 'object',
            additionalProperties: {
              type: 'string',
            },
          },
        },
      },
      FeatureDriftResult: {
        type: 'object',
        required: [
          'feature',
          'kind',
          'method',
          'score',
          'threshold',
          'drifted',
        ],
        properties: {
          feature: {
            type: 'string',
          },
          kind: {
            type: 'string',
            enum: ['numerical', 'categorical', 'exported'],
          },
          method: {
            type: 'string',
          },
          score: {
            type: 'number',
          },
          threshold: {
            type: 'number',
          },
          drifted: {
            type: 'boolean',
          },
          samples: {
            type: 'number',
          },
          trend: {
            type: 'array',
            items: {
              type: 'number',
            },
          },
        },
      },
      DriftReport: {
        type: 'object',
        required: ['source', 'verdict', 'share', 'driftShare', 'features'],
        properties: {
          source: {
            type: 'string',
            enum: ['gauges', 'histograms', 'none'],
          },
          verdict: {
            type: 'string',
            enum: ['drifted', 'stable', 'insufficient-data', 'unknown'],
          },
          share: {
            type: 'number',
          },
          driftShare: {
            type: 'number',
          },
          features: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/FeatureDriftResult',
            },
          },
          window: {
            type: 'string',
          },
          reference: {
            type: 'object',
            description:
              "What computed drift is measured against, taken in this order: the distributions logged with the champion's training run (MLflow artifact drift/reference.json), the drift window after the champion alias moved to the version, and only then the first distributions the portal saw, with a warning.",
            required: ['source', 'capturedAt', 'reason'],
            properties: {
              source: {
                type: 'string',
                enum: ['training-run', 'after-promotion', 'first-look'],
              },
              capturedAt: {
                type: 'string',
              },
              version: {
                type: 'string',
              },
              reason: {
                type: 'string',
              },
              warning: {
                type: 'string',
                description:
                  'Why the reference is not a deliberate one; always set for first-look.',
              },
            },
          },
          message: {
            type: 'string',
          },
        },
      },
      ModelHealth: {
        type: 'object',
        description:
          '`unknown` whenever the metrics could not be read: the portal never says healthy without evidence.',
        required: [
          'entityRef',
          'status',
          'reasons',
          'checkedAt',
          'prometheus',
          'window',
          'predictors',
          'alerts',
          'drift',
          'sources',
          'thresholds',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          status: {
            type: 'string',
            enum: ['ok', 'warning', 'critical', 'unknown'],
          },
          reasons: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          checkedAt: {
            type: 'string',
          },
          prometheus: {
            type: 'string',
          },
          window: {
            type: 'string',
          },
          predictors: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/PredictorHealth',
            },
          },
          alerts: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ModelAlert',
            },
          },
          drift: {
            $ref: '#/components/schemas/DriftReport',
          },
          inputs: {
            type: 'array',
            description:
              'The freshness in Feast of the feature views the Model reads; absent when it reads none.',
            items: {
              $ref: '#/components/schemas/ModelInputFreshness',
            },
          },
          servingMode: {
            type: 'string',
            enum: ['online', 'batch'],
            description:
              'A batch model is scored in pipeline runs; its traffic is neither read nor missed.',
          },
          sources: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'ok'],
              properties: {
                name: {
                  type: 'string',
                  enum: ['metrics', 'alerts', 'drift', 'serving', 'inputs'],
                },
                ok: {
                  type: 'boolean',
                },
                error: {
                  type: 'string',
                },
              },
            },
          },
          thresholds: {
            type: 'object',
            required: ['errorRate', 'p99LatencySeconds'],
            properties: {
              errorRate: {
                $ref: '#/components/schemas/WarningAndCritical',
              },
              p99LatencySeconds: {
                $ref: '#/components/schemas/WarningAndCritical',
              },
            },
          },
        },
      },
      ModelInputFreshness: {
        type: 'object',
        required: ['featureView'],
        properties: {
          featureView: {
            type: 'string',
          },
          stale: {
            type: 'boolean',
            description:
              "The online store's last materialization is older than the view's TTL.",
          },
          ageSeconds: {
            type: 'number',
          },
          ttlSeconds: {
            type: 'number',
          },
          error: {
            type: 'string',
          },
        },
      },
      WarningAndCritical: {
        type: 'object',
        required: ['warning', 'critical'],
        properties: {
          warning: {
            type: 'number',
          },
          critical: {
            type: 'number',
          },
        },
      },
      HealthSeries: {
        type: 'object',
        required: ['metric', 'range', 'stepSeconds', 'series'],
        properties: {
          metric: {
            $ref: '#/components/schemas/HealthSeriesMetric',
          },
          range: {
            type: 'string',
          },
          stepSeconds: {
            type: 'number',
          },
          series: {
            type: 'array',
            items: {
              type: 'object',
              required: ['predictor', 'points'],
              properties: {
                predictor: {
                  type: 'string',
                },
                version: {
                  type: 'string',
                },
                points: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['t', 'v'],
                    properties: {
                      t: {
                        type: 'number',
                        description: 'Unix time in seconds.',
                      },
                      v: {
                        type: 'number',
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      RetrainingRun: {
        type: 'object',
        description:
          "A Kubeflow run the portal started because the Model's inputs drifted.",
        required: [
          'entityRef',
          'pipelineRef',
          'kubeflowInstance',
          'runId',
          'reason',
          'startedAt',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          pipelineRef: {
            type: 'string',
          },
          kubeflowInstance: {
            type: 'string',
          },
          runId: {
            type: 'string',
          },
          reason: {
            type: 'string',
          },
          startedAt: {
            type: 'string',
          },
          state: {
            type: 'string',
            description:
              "The run's state in Kubeflow when read (absent when Kubeflow could not be asked).",
          },
        },
      },
      PipelineParameter: {
        type: 'object',
        required: ['name', 'type', 'optional'],
        properties: {
          name: {
            type: 'string',
          },
          type: {
            type: 'string',
            description:
              'e.g. NUMBER_DOUBLE, NUMBER_INTEGER, STRING, BOOLEAN, LIST, STRUCT.',
          },
          defaultValue: {},
          optional: {
            type: 'boolean',
          },
        },
      },
      PipelineRunSummary: {
        type: 'object',
        required: ['id', 'name', 'state', 'parameters'],
        properties: {
          id: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          state: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
          },
          finishedAt: {
            type: 'string',
          },
          durationSeconds: {
            type: 'number',
          },
          parameters: {
            type: 'object',
            additionalProperties: {},
          },
          error: {
            type: 'string',
          },
          failedTask: {
            type: 'object',
            description:
              "For a failed run, the task that failed it and Kubeflow's message (from its task details).",
            required: ['name'],
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
              podName: {
                type: 'string',
              },
            },
          },
          experimentId: {
            type: 'string',
          },
          url: {
            type: 'string',
            description:
              'The run in the Kubeflow UI, when `uiUrl` is configured.',
          },
          modelVersions: {
            type: 'array',
            description: 'The registry versions this run registered.',
            items: {
              type: 'object',
              required: ['modelRef', 'registeredModel', 'version'],
              properties: {
                modelRef: {
                  type: 'string',
                },
                registeredModel: {
                  type: 'string',
                },
                version: {
                  type: 'string',
                },
              },
            },
          },
        },
      },
      PipelineRunsView: {
        type: 'object',
        required: [
          'kubeflowInstance',
          'pipelineId',
          'pipelineName',
          'runs',
          'recurringRuns',
          'parameters',
        ],
        properties: {
          kubeflowInstance: {
            type: 'string',
          },
          pipelineId: {
            type: 'string',
          },
          pipelineName: {
            type: 'string',
          },
          runs: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/PipelineRunSummary',
            },
          },
          recurringRuns: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'name', 'enabled'],
              properties: {
                id: {
                  type: 'string',
                },
                name: {
                  type: 'string',
                },
                schedule: {
                  type: 'string',
                },
                enabled: {
                  type: 'boolean',
                },
              },
            },
          },
          parameters: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/PipelineParameter',
            },
          },
          modelVersionsError: {
            type: 'string',
          },
        },
      },
      FeatureViewField: {
        type: 'object',
        required: ['name', 'type'],
        properties: {
          name: {
            type: 'string',
          },
          type: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
        },
      },
      FeatureViewStatus: {
        type: 'object',
        required: [
          'feastInstance',
          'project',
          'name',
          'type',
          'tags',
          'entities',
          'entityColumns',
          'features',
          'online',
          'offline',
          'stale',
          'materializations',
          'catalogDifferences',
        ],
        properties: {
          feastInstance: {
            type: 'string',
          },
          project: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          type: {
            type: 'string',
            description:
              'featureView, streamFeatureView or onDemandFeatureView.',
          },
          description: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          tags: {
            type: 'object',
            additionalProperties: {
              type: 'string',
            },
          },
          entities: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          entityColumns: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/FeatureViewField',
            },
          },
          features: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/FeatureViewField',
            },
          },
          source: {
            type: 'object',
            required: ['type', 'name'],
            properties: {
              type: {
                type: 'string',
                enum: ['batch', 'stream', 'request', 'push'],
              },
              name: {
                type: 'string',
              },
            },
          },
          ttl: {
            type: 'string',
            description:
              'ISO 8601, e.g. PT6H; absent when values never expire.',
          },
          ttlSeconds: {
            type: 'number',
          },
          online: {
            type: 'boolean',
          },
          offline: {
            type: 'boolean',
          },
          createdAt: {
            type: 'string',
          },
          updatedAt: {
            type: 'string',
          },
          lastMaterializedAt: {
            type: 'string',
          },
          ageSeconds: {
            type: 'number',
          },
          stale: {
            type: 'boolean',
          },
          materializations: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                start: {
                  type: 'string',
                },
                end: {
                  type: 'string',
                },
              },
            },
          },
          catalogDifferences: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      ModelCardVersion: {
        type: 'object',
        description:
          'modelCardVersionSchema; a version an alias points at, its metrics against the gates and per slice.',
        required: [
          'alias',
          'version',
          'metrics',
          'gates',
          'gatesPassed',
          'slices',
        ],
        properties: {
          alias: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
          },
          runId: {
            type: 'string',
          },
          trainingRun: {
            type: 'object',
            description:
              'The Kubeflow run that registered the version (its `kfp_run_id` tag).',
            required: ['runId'],
            properties: {
              runId: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
          },
          metrics: {
            type: 'object',
            description: 'The overall metrics (those not logged per slice).',
            additionalProperties: {
              type: 'number',
            },
          },
          gates: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/GateResult',
            },
          },
          gatesPassed: {
            type: 'boolean',
          },
          slices: {
            type: 'array',
            description:
              'Metrics logged as `slice/<slice>/<metric>`, by slice.',
            items: {
              type: 'object',
              required: ['slice', 'metrics'],
              properties: {
                slice: {
                  type: 'string',
                },
                metrics: {
                  type: 'object',
                  additionalProperties: {
                    type: 'number',
                  },
                },
              },
            },
          },
        },
      },
      ModelCard: {
        type: 'object',
        description: 'modelCardSchema',
        required: [
          'entityRef',
          'source',
          'sections',
          'missing',
          'facts',
          'unavailable',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          source: {
            type: 'object',
            required: ['type'],
            properties: {
              type: {
                type: 'string',
                enum: ['file', 'spec', 'none'],
              },
              location: {
                type: 'string',
              },
              error: {
                type: 'string',
              },
            },
          },
          sections: {
            type: 'array',
            items: {
              type: 'object',
              required: ['title', 'markdown'],
              properties: {
                id: {
                  type: 'string',
                },
                title: {
                  type: 'string',
                },
                markdown: {
                  type: 'string',
                },
              },
            },
          },
          missing: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'title'],
              properties: {
                id: {
                  type: 'string',
                },
                title: {
                  type: 'string',
                },
              },
            },
          },
          facts: {
            type: 'object',
            required: ['owner', 'lineage'],
            properties: {
              owner: {
                type: 'string',
              },
              system: {
                type: 'string',
              },
              registry: {
                type: 'object',
                required: ['instance', 'registeredModel'],
                properties: {
                  instance: {
                    type: 'string',
                  },
                  registeredModel: {
                    type: 'string',
                  },
                  champion: {
                    $ref: '#/components/schemas/ModelCardVersion',
                  },
                  challenger: {
                    $ref: '#/components/schemas/ModelCardVersion',
                  },
                },
              },
              lineage: {
                type: 'object',
                required: ['featureViews'],
                properties: {
                  featureViews: {
                    type: 'array',
                    items: {
                      type: 'string',
                    },
                  },
                  trainingPipeline: {
                    type: 'string',
                  },
                },
              },
            },
          },
          unavailable: {
            type: 'array',
            items: {
              type: 'object',
              required: ['fact', 'message'],
              properties: {
                fact: {
                  type: 'string',
                },
                message: {
                  type: 'string',
                },
              },
            },
          },
        },
      },
    },
  },
} as const;
