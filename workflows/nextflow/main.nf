#!/usr/bin/env nextflow
// myelin on every sample of a sample sheet (CSV: sample,file).
nextflow.enable.dsl = 2

include { MYELIN_RUN } from './modules/myelin/run/main'

params.samples = 'samples.csv'
params.outdir  = 'results'

workflow {
    samples = Channel
        .fromPath(params.samples)
        .splitCsv(header: true)
        .map { row -> tuple([ id: row.sample ], file(row.file, checkIfExists: true)) }
    MYELIN_RUN(samples)
    MYELIN_RUN.out.versions.first().collectFile(name: 'versions.yml', storeDir: params.outdir)
}
