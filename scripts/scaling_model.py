#!/usr/bin/python3
"""Weak- and strong-scaling model of pfdtd's MPI decomposition on GPU clusters.

Prints the tables of docs/scaling.md from the parameters below, so that every number there
can be reproduced and re-derived when a parameter changes:

    /usr/bin/python3 scripts/scaling_model.py            # all tables
    /usr/bin/python3 scripts/scaling_model.py --check    # also assert the model's own sanity checks
    /usr/bin/python3 scripts/scaling_model.py --doc docs/scaling.md   # and that the page matches

The model (docs/scaling.md explains each term and cites the figures):
  compute = cells x bytes per cell update / achievable HBM bandwidth + fixed per-step overhead
  halo    = 2 half steps x sum over split axes of (latency + message bytes / link bandwidth)
            (axes one after another, as solver/halo.cpp exchanges them; a half step waits for
            its slowest rank, so an axis whose faces cross a node boundary anywhere costs an
            InfiniBand message)
  step    = compute + halo (not overlapped) or max(compute, halo) (overlapped: pfdtd as built)
"""
import argparse
import itertools
import math
from dataclasses import dataclass

# ------------------------------------------------------------------ parameters

# docs/performance.md, float32: bytes moved per cell and step by UpdateH + UpdateE (36 + 40)
# and per CPML slab cell by the two psi corrections (40 + 44).
BULK_BYTES = 76.0
SLAB_BYTES = 84.0
PML_CELLS = 12            # CPML thickness of pfdtd bench and the examples
REAL_BYTES = 4            # float32 fields
HALO_COMPONENTS = 2       # tangential components per face and half step (solver/halo.hpp)
GPUS_PER_NODE = 8         # HGX/DGX nodes; ranks fill nodes in rank order (srun's block layout)

# Fixed cost per step that does not shrink with the box: ~30 kernel launches (updates, CPML
# slabs, sources, monitors, halo pack/unpack) at ~2 us of dependent-launch gap each.
# ASSUMED, not measured: the lead's measurement replaces it (docs/scaling.md, Measured here).
FIXED_STEP_US = 60.0


@dataclass(frozen=True)
class Gpu:
    name: str
    hbm_tbps: float          # datasheet HBM bandwidth
    achievable: float        # fraction a streaming kernel reaches
    nvlink_gbps_dir: float   # NVLink bandwidth per direction, GB/s
    pcie_gbps_dir: float     # PCIe bandwidth per direction, GB/s

    @property
    def bandwidth(self):     # bytes/s a memory-bound kernel sees
        return self.hbm_tbps * 1e12 * self.achievable


# H100 SXM5: 3.35 TB/s HBM3, NVLink 4 900 GB/s (18 links x 25 GB/s per direction = 450 GB/s
# each way), PCIe Gen5 x16 128 GB/s (64 each way): NVIDIA H100 datasheet. achievable: the
# 3.0 TB/s copy bandwidth docs/performance.md uses for its roofline, 3.0 / 3.35 = 0.90.
H100 = Gpu("H100 SXM", 3.35, 3.0 / 3.35, 450.0, 64.0)
# A100 SXM4 80 GB: 2.039 TB/s HBM2e, NVLink 3 600 GB/s (300 each way), PCIe Gen4 x16 64 GB/s
# (32 each way): NVIDIA A100 datasheet. Same achievable fraction assumed as for H100.
A100 = Gpu("A100 SXM 80GB", 2.039, 3.0 / 3.35, 300.0, 32.0)


@dataclass(frozen=True)
class Network:
    name: str
    gbps_dir: float          # per GPU (one NIC per GPU, non-blocking fat tree), GB/s each way


NDR = Network("IB NDR 400 Gb/s", 50.0)
HDR = Network("IB HDR 200 Gb/s", 25.0)

# Latency per message: MPI start-up (IB: 2-5 us host to host, a few us more GPU-direct;
# NVLink via CUDA IPC: a few us) plus packing the face on the GPU and the stream
# synchronisation before MPI may read it. ASSUMED round figures in those ranges.
LATENCY_US = {"nvlink": 3.0, "ib": 5.0}
PACK_SYNC_US = 6.0


@dataclass(frozen=True)
class Transport:
    """How a face reaches the neighbour: device buffers straight to MPI (CUDA-aware, the
    MPIX_Query_cuda_support path of solver/halo.cpp) or staged through host memory."""
    name: str
    gpu_direct: bool


GPU_DIRECT = Transport("CUDA-aware MPI", True)
STAGED = Transport("staged via host", False)


# ------------------------------------------------------------------ decomposition

def balanced_dims(ranks):
    """MPI_Dims_create(ranks, 3) for a power of two: exponents spread over the axes,
    non-increasing."""
    e = int(round(math.log2(ranks)))
    assert 2 ** e == ranks, "the model takes powers of two"
    return tuple(2 ** (e // 3 + (1 if a < e % 3 else 0)) for a in range(3))


def coords_of(rank, shape):
    """pfdtd's rank order (Split::coords_of): x fastest."""
    return (rank % shape[0], (rank // shape[0]) % shape[1], rank // (shape[0] * shape[1]))


def rank_at(c, shape):
    return c[0] + shape[0] * (c[1] + shape[1] * c[2])


def default_shape(global_cells, ranks):
    """The shape pfdtd picks with no override (split_grid): the least cut area, the first
    found in (px, py) order on a tie."""
    cells = math.prod(global_cells)
    best, best_area = None, math.inf
    for px in range(1, ranks + 1):
        for py in range(1, ranks // px + 1):
            if ranks % (px * py):
                continue
            shape = (px, py, ranks // (px * py))
            area = sum((shape[a] - 1) * cells / global_cells[a] for a in range(3))
            if area < best_area:
                best, best_area = shape, area
    return best


def axis_crosses_nodes(shape, axis):
    """Whether some rank's upper neighbour along `axis` sits on another node."""
    for r in range(shape[0] * shape[1] * shape[2]):
        c = list(coords_of(r, shape))
        if c[axis] + 1 < shape[axis]:
            c[axis] += 1
            if rank_at(c, shape) // GPUS_PER_NODE != r // GPUS_PER_NODE:
                return True
    return False


def worst_rank_slab_fraction(box, shape):
    """CPML slab cells per cell of the busiest rank (a corner): one PML face on each split
    axis, two on an unsplit one; a corner cell counts once per slab, as in performance.md."""
    return sum((1 if shape[a] > 1 else 2) * PML_CELLS / box[a] for a in range(3))


# ------------------------------------------------------------------ times

def compute_time(box, shape, gpu):
    cells = box[0] * box[1] * box[2]
    per_cell = BULK_BYTES + worst_rank_slab_fraction(box, shape) * SLAB_BYTES
    return cells * per_cell / gpu.bandwidth + FIXED_STEP_US * 1e-6


def message_time(face_bytes, over_ib, gpu, net, transport):
    link = "ib" if over_ib else "nvlink"
    wire = net.gbps_dir if over_ib else gpu.nvlink_gbps_dir
    if not transport.gpu_direct:   # device -> host, host -> host (or IB), host -> device
        wire = wire if over_ib else gpu.pcie_gbps_dir
        copies = 2 * face_bytes / (gpu.pcie_gbps_dir * 1e9)
    else:
        copies = 0.0
    return (LATENCY_US[link] + PACK_SYNC_US) * 1e-6 + face_bytes / (wire * 1e9) + copies


def halo_time(box, shape, gpu, net, transport):
    t = 0.0
    for a in range(3):
        if shape[a] == 1:
            continue
        face_cells = math.prod(box[b] + 2 for b in range(3) if b != a)  # ghosts included
        face_bytes = HALO_COMPONENTS * face_cells * REAL_BYTES
        t += 2 * message_time(face_bytes, axis_crosses_nodes(shape, a), gpu, net, transport)
    return t


@dataclass
class Step:
    shape: tuple
    box: tuple
    compute: float
    halo: float

    @property
    def serial(self):       # halo after each update, nothing overlapped
        return self.compute + self.halo

    @property
    def overlapped(self):
        return max(self.compute, self.halo)


def step(global_cells, shape, gpu, net, transport):
    box = tuple(global_cells[a] // shape[a] for a in range(3))
    return Step(shape, box, compute_time(box, shape, gpu), halo_time(box, shape, gpu, net, transport))


def best_step(ranks, global_of_shape, gpu, net, transport):
    """The shape I would choose: of the balanced ones (MPI_Dims_create's factors in any axis
    order), the fastest once ranks are mapped to nodes."""
    shapes = sorted(set(itertools.permutations(balanced_dims(ranks))))
    return min((step(global_of_shape(s), s, gpu, net, transport) for s in shapes), key=lambda st: st.serial)


# ------------------------------------------------------------------ tables

RANKS = [8, 16, 32, 64, 128, 256, 512, 1024]
WEAK_BOX = 512
STRONG_CELLS = 2048
SYSTEMS = [(H100, NDR), (H100, HDR), (A100, HDR)]


def shape_text(s):
    return "x".join(str(v) for v in s)


def ranks_text(shape, global_cells):
    """The chosen shape, and in brackets pfdtd's default where it differs (then set the
    override: Domain::ranks)."""
    default = default_shape(global_cells, math.prod(shape))
    return shape_text(shape) + ("" if default == shape else f" ({shape_text(default)})")


def ib_axes(shape):
    return sum(1 for a in range(3) if shape[a] > 1 and axis_crosses_nodes(shape, a))


def weak_table(gpu, net, transport):
    """The weak-scaling table as lines of markdown."""
    lines = [f"\nWeak scaling, {WEAK_BOX}^3 cells per GPU, {gpu.name}, {net.name}, {transport.name}",
             "| GPUs | ranks (default) | global grid | IB axes | compute ms | halo ms | step ms (serial) | "
             "efficiency serial | efficiency overlapped |",
             "|---|---|---|---|---|---|---|---|---|"]
    for n in RANKS:
        st = best_step(n, lambda s: tuple(WEAK_BOX * v for v in s), gpu, net, transport)
        alone = st.compute  # the same box on one GPU with no neighbours
        glob = tuple(WEAK_BOX * v for v in st.shape)
        lines.append(f"| {n} | {ranks_text(st.shape, glob)} | {shape_text(glob)} | "
                     f"{ib_axes(st.shape)} | {st.compute * 1e3:.2f} | {st.halo * 1e3:.3f} | {st.serial * 1e3:.2f} | "
                     f"{100 * alone / st.serial:.1f} % | {100 * alone / st.overlapped:.1f} % |")
    return lines


def strong_table(gpu, net, transport):
    """The strong-scaling table as lines of markdown."""
    cube = (STRONG_CELLS,) * 3
    lines = [f"\nStrong scaling, {STRONG_CELLS}^3 cells, {gpu.name}, {net.name}, {transport.name}"
             f" (efficiency against {RANKS[0]} GPUs)",
             "| GPUs | ranks (default) | box per rank | IB axes | compute ms | halo ms | step ms (serial) | "
             "Gcells/s | efficiency serial | efficiency overlapped |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    base = None
    for n in RANKS:
        st = best_step(n, lambda s: cube, gpu, net, transport)
        base = base or (st.serial * n, st.overlapped * n)
        rate = STRONG_CELLS ** 3 / st.serial / 1e9
        lines.append(f"| {n} | {ranks_text(st.shape, cube)} | {shape_text(st.box)} | {ib_axes(st.shape)} | "
                     f"{st.compute * 1e3:.3f} | {st.halo * 1e3:.3f} | {st.serial * 1e3:.3f} | {rate:.0f} | "
                     f"{100 * base[0] / (st.serial * n):.1f} % | {100 * base[1] / (st.overlapped * n):.1f} % |")
    return lines


def rank_order_note():
    """Why the axis order of a shape matters: x is the fastest rank index, so 8 consecutive
    ranks (one node) lie along x when shape[0] >= 8."""
    print("\nAxes whose faces cross nodes, 1024 ranks (8 GPUs per node, x-fastest rank order):")
    for s in [(16, 8, 8), (8, 16, 8), (8, 8, 16)]:
        print(f"  {shape_text(s)}: {ib_axes(s)} of 3")


def sanity_checks():
    """The model's own consistency (run with --check; the test suite does not need it)."""
    assert balanced_dims(8) == (2, 2, 2) and balanced_dims(1024) == (16, 8, 8)
    assert default_shape((2048,) * 3, 1024) == (8, 8, 16) and default_shape((4096, 512, 512), 8) == (8, 1, 1)
    assert not axis_crosses_nodes((2, 2, 2), 0)                # one node
    assert [axis_crosses_nodes((8, 8, 16), a) for a in range(3)] == [False, True, True]
    # performance.md: 512^3 with CPML on all six faces moves 87.8 B per cell.
    assert abs(BULK_BYTES + worst_rank_slab_fraction((512,) * 3, (1, 1, 1)) * SLAB_BYTES - 87.8) < 0.1
    # A message of 2.1 MB over NDR takes ~42 us on the wire.
    assert abs(2 * 514 * 514 * 4 / 50e9 * 1e6 - 42.3) < 0.1
    print("\nsanity checks passed")


def check_doc(path, tables):
    """Every data row of the tables docs/scaling.md shows in full must be there verbatim, so
    the page cannot drift from the model."""
    with open(path, encoding="utf-8") as f:
        doc = f.read()
    rows = [line for table in tables for line in table if line.startswith("| ") and line[2].isdigit()]
    missing = [r for r in rows if r not in doc]
    assert not missing, f"{path} lacks these rows of the model:\n" + "\n".join(missing)
    print(f"\n{path}: all {len(rows)} rows of the H100/NDR tables match the model")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="assert the model's sanity checks")
    parser.add_argument("--doc", help="docs/scaling.md: check its full tables against the model")
    args = parser.parse_args()
    print("Parameters: bytes/cell bulk %.0f, per slab cell %.0f; fixed %.0f us/step; latency NVLink %.0f us, "
          "IB %.0f us, pack+sync %.0f us per message" % (BULK_BYTES, SLAB_BYTES, FIXED_STEP_US,
                                                         LATENCY_US["nvlink"], LATENCY_US["ib"], PACK_SYNC_US))
    weak = [weak_table(gpu, net, GPU_DIRECT) for gpu, net in SYSTEMS] + [weak_table(H100, NDR, STAGED)]
    strong = [strong_table(H100, NDR, transport) for transport in (GPU_DIRECT, STAGED)]
    for table in weak + strong:
        print("\n".join(table))
    rank_order_note()
    if args.check:
        sanity_checks()
    if args.doc:
        check_doc(args.doc, [weak[0], strong[0]])  # the two tables the page shows in full


if __name__ == "__main__":
    main()
