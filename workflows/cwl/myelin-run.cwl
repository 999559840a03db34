#!/usr/bin/env cwl-runner
cwlVersion: v1.2
class: CommandLineTool
label: myelin run
doc: |
  The whole myelin analysis of one sample, from the raw matrix: QC, normalisation, HVG, PCA,
  neighbours, Leiden, UMAP, cell types, markers, signature scores and, when the cells have
  coordinates, the spatial statistics. Writes an h5ad that scanpy and squidpy open, its tables and
  the provenance record. myelin must be on PATH (the release bundle's bin/myelin).
baseCommand: [myelin, run]
requirements:
  ResourceRequirement:
    coresMin: 1
    ramMin: 2048
hints:
  SoftwareRequirement:
    packages:
      myelin:
        version: ["0.1.0"]
arguments:
  - prefix: --threads
    valueFrom: $(runtime.cores)
  - prefix: --memory
    valueFrom: $(runtime.ram)m
  - --quiet
inputs:
  input:
    type:
      - File
      - Directory
    doc: any input myelin reads (h5ad, 10x HDF5 or MTX folder, Visium folder)
    inputBinding:
      position: 1
  output_name:
    type: string
    default: result.h5ad
    inputBinding:
      prefix: -o
  tables:
    type: string
    default: tables
    inputBinding:
      prefix: --tables
  niche_reference:
    type: string?
    doc: the reference cells of the nerve niche, e.g. cell_type=schwann
    inputBinding:
      prefix: --niche-reference
  extra_args:
    type: string[]?
    doc: further options of myelin run
    inputBinding:
      position: 2
outputs:
  h5ad:
    type: File
    outputBinding:
      glob: $(inputs.output_name)
  provenance:
    type: File
    outputBinding:
      glob: $(inputs.output_name).provenance.json
  result_tables:
    type: Directory
    outputBinding:
      glob: $(inputs.tables)
