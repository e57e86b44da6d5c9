"""Uploads the compiled pipeline as a new version of ${{ values.name }}-training and runs it, waiting for the end.

Used by CI after the image is built: the run trains, evaluates and registers the model in MLflow only when the
validate gate passes, so a failed gate fails this script (and the workflow).

  KFP_HOST=https://kubeflow.example.com/pipeline KFP_TOKEN=... \\
    python pipelines/run_training.py --package training_pipeline.yaml --version "$GITHUB_SHA"
"""

import argparse
import os
import sys

PIPELINE_NAME = "${{ values.name }}-training"
EXPERIMENT = "${{ values.name }}"


def main() -> int:
    from kfp import Client

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", required=True, help="The compiled pipeline (YAML)")
    parser.add_argument("--version", required=True, help="The pipeline version name, e.g. the commit")
    parser.add_argument("--timeout-minutes", type=int, default=180)
    args = parser.parse_args()

    client = Client(host=os.environ["KFP_HOST"], existing_token=os.environ["KFP_TOKEN"],
                    namespace=os.environ.get("KFP_NAMESPACE"))
    pipeline_id = client.get_pipeline_id(PIPELINE_NAME)
    if pipeline_id is None:
        pipeline_id = client.upload_pipeline(args.package, pipeline_name=PIPELINE_NAME).pipeline_id
    version = client.upload_pipeline_version(
        args.package, pipeline_version_name=args.version, pipeline_id=pipeline_id
    )
    experiment = client.create_experiment(EXPERIMENT, namespace=os.environ.get("KFP_NAMESPACE"))
    run = client.run_pipeline(
        experiment_id=experiment.experiment_id,
        job_name=f"{PIPELINE_NAME} {args.version}",
        pipeline_id=pipeline_id,
        version_id=version.pipeline_version_id,
    )
    print(f"Kubeflow run {run.run_id} started")
    finished = client.wait_for_run_completion(run.run_id, timeout=args.timeout_minutes * 60)
    print(f"Kubeflow run {run.run_id} ended {finished.state}")
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as handle:
            handle.write(f"run_id={run.run_id}\n")
    return 0 if finished.state == "SUCCEEDED" else 1


if __name__ == "__main__":
    sys.exit(main())
