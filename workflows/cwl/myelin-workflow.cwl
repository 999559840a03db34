#!/usr/bin/env cwl-runner
cwlVersion: v1.2
class: Workflow
label: myelin run, then a summary of the result
doc: Two steps - the analysis of one sample, then `myelin info --json` on its h5ad.
inputs:
  input:
    type:
      - File
      - Directory
  niche_reference: string?
outputs:
  h5ad:
    type: File
    outputSource: run/h5ad
  tables:
    type: Directory
    outputSource: run/result_tables
  info:
    type: File
    outputSource: summary/info
steps:
  run:
    run: myelin-run.cwl
    in:
      input: input
      niche_reference: niche_reference
    out: [h5ad, provenance, result_tables]
  summary:
    run: myelin-info.cwl
    in:
      input: run/h5ad
    out: [info]
