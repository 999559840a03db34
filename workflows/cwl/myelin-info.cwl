#!/usr/bin/env cwl-runner
cwlVersion: v1.2
class: CommandLineTool
label: myelin info
doc: What an h5ad (or any input myelin reads) holds, as one JSON object.
baseCommand: [myelin, info, --json]
inputs:
  input:
    type: File
    inputBinding:
      position: 1
stdout: info.json
outputs:
  info:
    type: stdout
