"""Reference run for tests/unit/cli-jupyter.test.ts: executes IN with nbclient (Jupyter's own
notebook runner) on the python3 kernel and writes OUT.  usage: nbclient-run.py IN OUT"""
import sys, nbformat, nbclient
nb = nbformat.read(sys.argv[1], as_version=4)
nbclient.NotebookClient(nb, kernel_name="python3", allow_errors=True).execute()
nbformat.write(nb, sys.argv[2])
