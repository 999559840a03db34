#!/usr/bin/env python3
"""Renders the script: block of an nf-core style module for one sample, as Nextflow would.

Nextflow cannot be installed here, so the module is checked by doing what Nextflow does with its
script block: evaluate the `def` lines, substitute ${meta.id}, $task.cpus, ${task.process},
task.memory and task.ext.args into the triple-quoted string, unescape \\$ and \\\\, strip the common
indentation. Usage: nextflow-render.py MODULE.nf PROCESS ID INPUT CPUS MEMORY_MB [ARGS]
"""
import re
import sys
import textwrap

module, process, sample, input_file, cpus, memory_mb = sys.argv[1:7]
ext_args = sys.argv[7] if len(sys.argv) > 7 else ""
text = open(module).read()
block = text.split("script:", 1)[1].split("stub:", 1)[0]
body = block.split('"""')[1]

values = {
    "meta.id": sample,
    "input": input_file,
    "task.cpus": cpus,
    "task.process": process,
    "args": ext_args,
    "memory": f"--memory {memory_mb}m" if memory_mb else "",
}

# The def lines must be the ones this renderer knows how to evaluate.
for name, expr in re.findall(r"def (\w+) = (.+)", block):
    if name not in values:
        sys.exit(f"nextflow-render: cannot evaluate def {name} = {expr}")

def substitute(match):
    key = match.group(1) or match.group(2)
    if key not in values:
        sys.exit(f"nextflow-render: unknown variable {key}")
    return values[key]

out = re.sub(r"(?<!\\)\$\{([\w.]+)\}|(?<!\\)\$([\w]+(?:\.[\w]+)?)", substitute, body)
out = out.replace("\\$", "$").replace("\\\\\n", "\\\n")
print(textwrap.dedent(out).strip() + "\n")
