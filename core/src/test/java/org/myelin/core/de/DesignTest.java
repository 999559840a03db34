package org.myelin.core.de;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesignTest {

  private static Map<String, String[]> sheet() {
    Map<String, String[]> s = new LinkedHashMap<>();
    s.put("batch", new String[] {"b1", "b2", "b1", "b2", "b1", "b2"});
    s.put("response", new String[] {"R", "NR", "NR", "R", "R", "NR"});
    s.put("age", new String[] {"61", "70", "55", "48", "66", "59"});
    s.put("site", new String[] {"x", "y", "x", "y", "x", "y"});
    return s;
  }

  @Test
  void buildsRsTreatmentContrastsWithDESeq2Names() {
    Design d = Design.of("~ batch + response + age", sheet(), null);
    assertArrayEquals(new String[] {"Intercept", "batch_b2_vs_b1", "response_R_vs_NR", "age"}, d.coefficientNames());
    assertArrayEquals(new double[] {1, 0, 1, 61}, d.matrix()[0]);
    assertArrayEquals(new double[] {1, 1, 0, 70}, d.matrix()[1]);
    Design.Contrast c = d.contrast("response", "NR", "R");
    assertEquals(2, c.coefficient());
    assertEquals(-1, c.sign());
    Design withRef = Design.of("~ response", sheet(), Map.of("response", "R"));
    assertArrayEquals(new String[] {"Intercept", "response_NR_vs_R"}, withRef.coefficientNames());
    assertEquals(1, withRef.contrast("response", "NR", "R").sign());
  }

  @Test
  void refusesWhatDESeq2Refuses() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Design.of("~ batch + stage", sheet(), null))
        .getMessage().contains("'stage' is not in the sample sheet"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Design.of("~ batch + site", sheet(), null))
        .getMessage().contains("not of full rank"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Design.of("~ batch:response", sheet(), null))
        .getMessage().contains("only additive designs"));
    Design d = Design.of("~ response", sheet(), null);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> d.contrast("response", "PR", "R"))
        .getMessage().contains("'PR' is not a value of column 'response'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> d.contrast("batch", "b1", "b2"))
        .getMessage().contains("not in the design"));
    Map<String, String[]> missing = sheet();
    missing.get("response")[3] = "";
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Design.of("~ response", missing, null))
        .getMessage().contains("no value for sample 4"));
  }
}
