#!/usr/bin/python3
"""Writes the ONNX seeds of the onnx_fuzz corpus (tests/fuzz/corpus/onnx/) with onnx.helper.

Usage: tests/fuzz/make_onnx_seeds.py OUTPUT_DIR   (needs Debian's python3-onnx)

Small models that exercise most of the importer: Conv + BatchNormalization + Relu fusion, Pad
folding, pools, a residual Add, Concat, Flatten + Gemm, Clip (relu6), MatMul with a constant,
a weightless (shape-only) model, and one with an unsupported op (a UserError seed).
"""

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

RNG = np.random.default_rng(1)


def weight(name, *shape):
    return numpy_helper.from_array(RNG.standard_normal(shape).astype(np.float32), name)


def save(model, path):
    onnx.checker.check_model(model)
    onnx.save(model, path)


def small_cnn():
    """Conv-BN-Relu, Pad + MaxPool, 1x1 Conv, residual Add, Concat, GAP, Flatten, Gemm."""
    nodes = [
        helper.make_node("Conv", ["x", "w1", "b1"], ["c1"], name="/conv1/Conv",
                         kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        helper.make_node("BatchNormalization", ["c1", "g", "beta", "mean", "var"], ["bn"],
                         name="/bn1/BatchNormalization"),
        helper.make_node("Relu", ["bn"], ["r1"], name="/relu/Relu"),
        helper.make_node("Pad", ["r1", "pads"], ["p1"], name="/pad/Pad"),
        helper.make_node("MaxPool", ["p1"], ["m1"], name="/pool/MaxPool",
                         kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Conv", ["m1", "w2"], ["c2"], name="/conv2/Conv", kernel_shape=[1, 1]),
        helper.make_node("Add", ["c2", "m1"], ["a1"], name="/add/Add"),
        helper.make_node("Clip", ["a1", "lo", "hi"], ["r2"], name="/relu6/Clip"),
        helper.make_node("Concat", ["r2", "m1"], ["cat"], name="/cat/Concat", axis=1),
        helper.make_node("AveragePool", ["cat"], ["ap"], name="/avg/AveragePool",
                         kernel_shape=[3, 3], strides=[1, 1], pads=[1, 1, 1, 1],
                         count_include_pad=1),
        helper.make_node("GlobalAveragePool", ["ap"], ["gap"], name="/gap/GlobalAveragePool"),
        helper.make_node("Flatten", ["gap"], ["f"], name="/flatten/Flatten", axis=1),
        helper.make_node("Gemm", ["f", "wf", "bf"], ["y"], name="/fc/Gemm", transB=1),
    ]
    inits = [
        weight("w1", 4, 3, 3, 3), weight("b1", 4),
        weight("g", 4), weight("beta", 4), weight("mean", 4),
        numpy_helper.from_array(np.ones(4, np.float32), "var"),
        numpy_helper.from_array(np.array([0, 0, 0, 0, 0, 0, 1, 1], np.int64), "pads"),
        weight("w2", 4, 4, 1, 1),
        numpy_helper.from_array(np.array(0, np.float32), "lo"),
        numpy_helper.from_array(np.array(6, np.float32), "hi"),
        weight("wf", 5, 8), weight("bf", 5),
    ]
    graph = helper.make_graph(
        nodes, "small_cnn",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 7, 7])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 5])], inits)
    return helper.make_model(graph, producer_name="make_onnx_seeds",
                             opset_imports=[helper.make_opsetid("", 13)])


def weightless():
    """Weights as graph inputs (shape-only import); strided, dilated, grouped Conv; MatMul."""
    nodes = [
        helper.make_node("Conv", ["x", "w1"], ["c1"], name="conv_a", kernel_shape=[3, 3],
                         strides=[2, 2], dilations=[1, 1], group=2, auto_pad="SAME_UPPER"),
        helper.make_node("Relu", ["c1"], ["r1"], name="relu_a"),
        helper.make_node("Reshape", ["r1", "shape"], ["f"], name="reshape"),
        helper.make_node("MatMul", ["f", "wm"], ["y"], name="matmul"),
    ]
    graph = helper.make_graph(
        nodes, "weightless",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4, 8, 8]),
         helper.make_tensor_value_info("w1", TensorProto.FLOAT, [8, 2, 3, 3])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 3])],
        [numpy_helper.from_array(np.array([1, -1], np.int64), "shape"), weight("wm", 128, 3)])
    return helper.make_model(graph, producer_name="make_onnx_seeds",
                             opset_imports=[helper.make_opsetid("", 11)])


def unsupported():
    nodes = [
        helper.make_node("Conv", ["x", "w"], ["c"], name="conv", kernel_shape=[1, 1]),
        helper.make_node("Sigmoid", ["c"], ["y"], name="sigmoid"),
    ]
    graph = helper.make_graph(
        nodes, "unsupported",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2, 4, 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 2, 4, 4])],
        [weight("w", 2, 2, 1, 1)])
    return helper.make_model(graph, producer_name="make_onnx_seeds",
                             opset_imports=[helper.make_opsetid("", 13)])


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    save(small_cnn(), os.path.join(out, "seed-small-cnn.onnx"))
    save(weightless(), os.path.join(out, "seed-weightless.onnx"))
    save(unsupported(), os.path.join(out, "seed-unsupported-op.onnx"))


if __name__ == "__main__":
    main()
