"""Writes python_fixture.safetensors with Hugging Face's own safetensors library.

SafeTensorsTest reads the file back and checks every value, so the Java reader is tested against
files that the reference implementation writes. Every value is exactly representable in its dtype,
so the test can state it exactly.

Made with safetensors 0.8.0 and numpy 1.24.2 (Debian has no python3-safetensors; pip has it).
Run again (it overwrites the fixture) with safetensors and numpy installed:
    python3 make_python_fixture.py
"""
import os

import numpy as np
from safetensors.numpy import save_file

tensors = {
    "encoder.weight": np.arange(6, dtype=np.float32).reshape(2, 3) / 4,
    "special": np.array([np.nan, np.inf, -np.inf, -0.0], dtype=np.float32),
    "half": np.array([0.5, -1.25, 65504.0, 2.0**-14, 2.0**-24], dtype=np.float16),
    "double": np.array([[0.1, -2.5], [1e-3, 3.0]], dtype=np.float64),
    "steps": np.array([-3, 0, 2**40], dtype=np.int64),
    "counts": np.array([[7], [-8]], dtype=np.int32),
    "bytes": np.array([0, 128, 255], dtype=np.uint8),
    "mask": np.array([True, False, True]),
    "scalar": np.array(42.5, dtype=np.float32),
    "empty": np.zeros((0, 3), dtype=np.float32),
}
metadata = {"format": "np", "written_by": "make_python_fixture.py"}

here = os.path.dirname(os.path.abspath(__file__))
save_file(tensors, os.path.join(here, "python_fixture.safetensors"), metadata=metadata)
