/**
 * The contract every analysis tool of the Java API follows: a tool takes a {@link
 * org.myelin.core.data.CellData}, its own self-validating options record (scanpy's parameter names,
 * {@code defaults()}) and a {@link org.myelin.core.tool.ToolContext} (threads, seed, log), writes
 * its slots under the names of {@link org.myelin.core.data.Keys} and its parameters into {@code
 * uns}, and returns a {@link org.myelin.core.tool.ToolResult}: the data (the same container, or a
 * new one when it filters) and the tables it made.
 */
package org.myelin.core.tool;
