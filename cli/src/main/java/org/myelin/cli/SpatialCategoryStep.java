package org.myelin.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.myelin.core.data.CellData;
import org.myelin.core.data.Keys;

/**
 * A spatial statistic of categories (nhood, co-occurrence, ripley, ligrec): it reads the command's
 * grouping and, in {@code run}, is skipped when the cells have no coordinates or no such column.
 *
 * @param <O> the tool's options record
 */
abstract class SpatialCategoryStep<O> extends ToolStep<O> implements GroupedStep {

  /** The categories, shared with the other steps of the command that declares them. */
  Grouping grouping = new Grouping();

  SpatialCategoryStep(String name, Tool<O> tool) {
    super(name, tool);
  }

  @Override
  public void grouping(Grouping g) {
    grouping = g;
  }

  @Override
  public String skipReason(CellData data) {
    String why = SpatialGraphStep.noCoordinates(data, Keys.OBSM_SPATIAL);
    return why != null ? why : noCategories(data);
  }

  /** The tool's options as {@link Step#options} makes them, its cluster_key named --groupby. */
  static <O> O categoryOptions(Supplier<O> make, Map<String, String> optionNames) {
    Map<String, String> names = new HashMap<>(optionNames);
    names.put("cluster_key", "--groupby");
    return Step.options(make, names);
  }

  /** Why the grouping cannot be used here, or null. */
  String noCategories(CellData data) {
    return data.obs().has(grouping.column) ? null : "no obs['" + grouping.column + "'] (--groupby)";
  }
}
