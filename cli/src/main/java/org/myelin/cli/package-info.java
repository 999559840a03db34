/**
 * The command line: one picocli class per subcommand, shared option mixins, and one exception
 * handler that maps failures to the documented exit codes (0 ok, 1 runtime failure, 2 bad usage
 * or bad input).
 */
package org.myelin.cli;
