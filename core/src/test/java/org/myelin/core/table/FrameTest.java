package org.myelin.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FrameTest {

  @Test
  void columnsMustMatchTheIndex() {
    Frame f = new Frame(new String[] {"a", "b"});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> f.put("x", new DoubleColumn(new double[] {1})));
    assertEquals("column 'x' has 1 rows, the frame 2", e.getMessage());
  }

  @Test
  void categoricalKeepsCategoryOrderAndMissing() {
    CategoricalColumn c = CategoricalColumn.fromValues(new String[] {"b", null, "a", "b"});
    assertArrayEquals(new String[] {"b", "a"}, c.categories());
    assertArrayEquals(new int[] {0, -1, 1, 0}, c.codes());
    assertNull(c.value(1));
    assertEquals("", c.format(1));
    assertThrows(IllegalArgumentException.class, () -> new CategoricalColumn(new int[] {2}, new String[] {"x"}, false));
    assertThrows(IllegalArgumentException.class, () -> new CategoricalColumn(new int[] {0}, new String[] {"x", "x"}, false));
  }

  @Test
  void selectReordersEveryColumnType() {
    Frame f = new Frame(new String[] {"a", "b", "c"});
    f.put("d", new DoubleColumn(new double[] {1, 2, 3}));
    f.put("i", new IntColumn(new long[] {4, 5, 6}, new boolean[] {false, true, false}));
    f.put("b", new BooleanColumn(new boolean[] {true, false, true}));
    f.put("s", new StringColumn(new String[] {"x", "y", "z"}));
    Frame s = f.select(new int[] {2, 1});
    assertArrayEquals(new String[] {"c", "b"}, s.index());
    assertEquals("3", s.get("d").format(0));
    assertEquals("", s.get("i").format(1));
    assertEquals("True", s.get("b").format(0));
    assertEquals("y", s.get("s").format(1));
  }
}
