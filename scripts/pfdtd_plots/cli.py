"""The command line of scripts/plot.py: one subcommand per module, each writing one PNG."""
import argparse
import sys

from . import alignment, field, modes, sparams, spectrum, sweep
from .data import PlotInputError
from .figure import add_output_options, default_output, save

COMMANDS = {"spectrum": spectrum, "sparams": sparams, "field": field, "modes": modes, "sweep": sweep,
            "alignment": alignment}


def parser():
    p = argparse.ArgumentParser(prog="plot.py", description="PNG plots of pfdtd's outputs (docs/plots.md).")
    sub = p.add_subparsers(dest="command", required=True, metavar="command")
    for name, module in COMMANDS.items():
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(cmd)
        add_output_options(cmd)
    return p


def main(argv=None):
    """Writes the PNG and prints its path; exit 1 with the reason on bad input, 2 on usage."""
    args = parser().parse_args(argv)
    try:
        fig = COMMANDS[args.command].plot(args)
        print(save(fig, args.out or default_output(args.file, args.command), args.dpi))
    except PlotInputError as e:
        print(f"plot.py {args.command}: error: {e}", file=sys.stderr)
        return 1
    return 0
