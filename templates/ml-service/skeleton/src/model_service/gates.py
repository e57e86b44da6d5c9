"""The quality gates of quality_gates.yaml, checked the same way by the pipeline's validate step and CI."""

from pathlib import Path
from typing import Dict, List

import yaml

GATES_FILE = Path(__file__).resolve().parents[2] / "quality_gates.yaml"


def load_gates(path: Path = GATES_FILE) -> List[Dict]:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)["gates"]


def check_gates(metrics: Dict[str, float], gates: List[Dict]) -> List[str]:
    """Every failed gate, in words; an empty list when all pass. A missing metric fails its gate."""
    failures = []
    for gate in gates:
        name = gate["metric"]
        if name not in metrics:
            failures.append(f"{name} was not measured")
            continue
        value = float(metrics[name])
        if "min" in gate and value < gate["min"]:
            failures.append(f"{name} {value:.4f} is below the minimum {gate['min']}")
        if "max" in gate and value > gate["max"]:
            failures.append(f"{name} {value:.4f} is above the maximum {gate['max']}")
    return failures
