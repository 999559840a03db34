def sample_input(wildcards):
    return SAMPLES[wildcards.sample]["file"]


rule myelin_run:
    """The whole analysis of one sample: h5ad, tables and the provenance record."""
    input:
        sample_input,
    output:
        h5ad="results/{sample}/{sample}.h5ad",
        tables=directory("results/{sample}/tables"),
    log:
        "logs/myelin_run/{sample}.log",
    threads: config.get("threads", 2)
    resources:
        mem_mb=config.get("mem_mb", 4000),
    params:
        myelin=config.get("myelin", "myelin"),
        extra=config.get("run_args", ""),
    shell:
        "{params.myelin} run {input} -o {output.h5ad} --tables {output.tables} --threads {threads} "
        "--memory {resources.mem_mb}m --log-format json {params.extra} 2> {log}"


rule cohort_cells_per_type:
    """Cells per sample and annotated type, from each sample's per-cluster annotation table."""
    input:
        expand("results/{sample}/tables", sample=SAMPLES),
    output:
        "results/cohort/cells_per_type.tsv",
    shell:
        "awk -F'\\t' 'BEGIN {{OFS=\"\\t\"; print \"sample\", \"cluster\", \"cell_type\", \"n_cells\"}} "
        "FNR > 1 {{ n = split(FILENAME, p, \"/\"); print p[n-2], $1, $2, $5 }}' "
        "$(for d in {input}; do echo $d/cell_types.tsv; done) > {output}"


rule cohort_scores_summary:
    """The signature-score summaries of all samples in one table, a sample column first."""
    input:
        expand("results/{sample}/tables", sample=SAMPLES),
    output:
        "results/cohort/scores_summary.tsv",
    shell:
        "awk -F'\\t' 'BEGIN {{OFS=\"\\t\"}} FNR == 1 && NR == 1 {{ print \"sample\", $0 }} "
        "FNR > 1 {{ n = split(FILENAME, p, \"/\"); print p[n-2], $0 }}' "
        "$(for d in {input}; do echo $d/scores_summary.tsv; done) > {output}"
