package org.myelin.cli;

import org.myelin.core.data.CellData;
import org.myelin.core.tool.ToolContext;
import org.myelin.core.tool.ToolResult;

/**
 * A step that runs one core tool: the subclass declares the options and makes the tool's options
 * record in {@link #check}; running is the tool's own entry point.
 *
 * @param <O> the tool's options record
 */
abstract class ToolStep<O> implements Step {

  /** A core tool's entry point, {@code XTool::run}. */
  interface Tool<O> {
    ToolResult run(CellData data, O options, ToolContext ctx);
  }

  private final String name;
  private final Tool<O> tool;

  /** The tool's options, made by {@link #check}. */
  O options;

  ToolStep(String name, Tool<O> tool) {
    this.name = name;
    this.tool = tool;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public ToolResult apply(CellData data, ToolContext ctx) {
    return tool.run(data, options, ctx);
  }
}
