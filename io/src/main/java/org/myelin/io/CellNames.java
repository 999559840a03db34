package org.myelin.io;

import java.nio.file.Path;
import org.myelin.core.data.Names;

/** Cell barcodes as read: duplicates are an error unless the user asked for them to be renamed. */
public final class CellNames {

  private CellNames() {}

  /**
   * The names, unchanged when unique; renamed as anndata's {@code obs_names_make_unique} when
   * {@code makeUnique}; otherwise an error naming the first duplicate and how many there are.
   */
  public static String[] checked(String[] names, boolean makeUnique, Path file, String where) {
    String dup = Names.firstDuplicate(names);
    if (dup == null) {
      return names;
    }
    if (makeUnique) {
      return Names.makeUnique(names);
    }
    throw new InconsistentDataException(file, where, "duplicate barcode '" + dup + "' ("
        + Names.countDuplicates(names) + " duplicates; pass --make-unique to rename them)");
  }
}
