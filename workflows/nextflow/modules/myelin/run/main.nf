process MYELIN_RUN {
    tag "$meta.id"
    label 'process_medium'

    // myelin comes as its release bundle (bin/myelin on PATH): no container is published yet.

    input:
    tuple val(meta), path(input)

    output:
    tuple val(meta), path("${meta.id}.h5ad")                 , emit: h5ad
    tuple val(meta), path("${meta.id}.h5ad.provenance.json") , emit: provenance
    tuple val(meta), path("${meta.id}_tables")               , emit: tables
    path "versions.yml"                                      , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    def memory = task.memory ? "--memory ${task.memory.toMega()}m" : ''
    """
    myelin run \\
        $input \\
        -o ${meta.id}.h5ad \\
        --tables ${meta.id}_tables \\
        --threads $task.cpus \\
        $memory \\
        --log-format json \\
        $args

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        myelin: \$(myelin --version)
    END_VERSIONS
    """

    stub:
    """
    touch ${meta.id}.h5ad ${meta.id}.h5ad.provenance.json
    mkdir ${meta.id}_tables

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        myelin: \$(myelin --version)
    END_VERSIONS
    """
}
