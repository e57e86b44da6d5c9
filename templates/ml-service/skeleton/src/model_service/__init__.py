"""Training, evaluation, quality gates, serving and drift code of ${{ values.name }}."""

MODEL_NAME = "${{ values.name }}"
