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
      /**
       * Ingests every feature view of every `mlops.feast.instances` registry (its `projects`, or all of them) as
       * a FeatureView entity. Leave it out to keep FeatureViews in YAML only.
       */
      mlopsFeast?: {
        /** The owner of views not listed in `owners`, e.g. `group:default/data-platform`. */
        defaultOwner: string;
        /** Owner by Feast view name, or by `project/name`. */
        owners?: { [viewName: string]: string };
        /** System by Feast project. */
        systems?: { [project: string]: string };
        /** The system of views whose project is not in `systems`. */
        system?: string;
        /** Defaults to `production`. */
        lifecycle?: string;
        /** Minutes between refreshes. Defaults to 30. */
        refreshMinutes?: number;
      };
    };
  };
}
