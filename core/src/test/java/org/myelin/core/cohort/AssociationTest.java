package org.myelin.core.cohort;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssociationTest {

  @Test
  void outcomeRefusesWhatCannotBeTested() {
    String[] samples = {"a", "b", "c", "d"};
    Map<String, String[]> sheet = new LinkedHashMap<>();
    sheet.put("response", new String[] {"NR", "R", "NR", "R"});
    sheet.put("time", new String[] {"3", "5", "0", "9"});
    sheet.put("event", new String[] {"1", "0", "1", "1"});
    Association.Options o = new Association.Options("response", "NR", "time", "event", List.of(), 0.5);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Association.outcome(samples, sheet, o))
        .getMessage().contains("survival time '0' of sample c (column 'time') is not a positive number"));
    sheet.put("time", new String[] {"3", "5", "4", "9"});
    sheet.put("event", new String[] {"1", "0", "yes", "1"});
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Association.outcome(samples, sheet, o))
        .getMessage().contains("event 'yes' of sample c (column 'event') is not 0 or 1"));
    sheet.put("event", new String[] {"1", "0", "1", "1"});
    sheet.put("response", new String[] {"NR", "R", "R", "R"});
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Association.outcome(samples, sheet, o))
        .getMessage().contains("needs at least two samples per group: NR has 1, R has 3"));
    sheet.put("response", new String[] {"NR", "R", "NR", "R"});
    Association.Options covariate = new Association.Options("response", "NR", null, null, List.of("site"), 0.5);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Association.outcome(samples, sheet, covariate))
        .getMessage().contains("covariate column 'site' is not in the sample sheet"));
  }
}
