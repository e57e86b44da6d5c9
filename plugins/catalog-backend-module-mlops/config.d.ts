export interface Config {
  catalog?: {
    providers?: {
      /**
       * Ingests every pipeline of every `mlops.kubeflow.instances` entry as a Pipeline entity. Leave it out to
       * keep Pipelines in YAML only.
       */
      mlopsKubeflow?: {
        /** The owner of pipelines not listed in `owners`, e.g. `group:default/ml-platform`. */
        defaultOwner: string;
        /** Owner by KFP pipeline name. */
        owners?: { [pipelineName: string]: string };
        /** The system every ingested Pipeline is part of. */
        system?: string;
        /** Defaults to `production`. */
        lifecycle?: string;
        /** Minutes between refreshes. Defaults to 30. */
        refreshMinutes?: number;
      };
    };
  };
}
