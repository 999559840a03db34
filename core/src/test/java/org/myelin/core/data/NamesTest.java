package org.myelin.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void makeUniqueMatchesAnndata() {
    // anndata.utils.make_index_unique(pd.Index(["a","a","a-1","b","a","b"])) (anndata 0.8.0):
    // the existing "a-1" is skipped, so the duplicates become a-2 and a-3.
    String[] in = {"a", "a", "a-1", "b", "a", "b"};
    assertArrayEquals(new String[] {"a", "a-2", "a-1", "b", "a-3", "b-1"}, Names.makeUnique(in));
    assertArrayEquals(new String[] {"x", "y"}, Names.makeUnique(new String[] {"x", "y"}));
  }

  @Test
  void duplicatesAreFoundAndCounted() {
    assertEquals("b", Names.firstDuplicate(new String[] {"a", "b", "c", "b"}));
    assertNull(Names.firstDuplicate(new String[] {"a", "b"}));
    assertEquals(2, Names.countDuplicates(new String[] {"a", "a", "a", "b"}));
  }
}
