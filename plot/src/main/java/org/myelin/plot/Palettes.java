package org.myelin.plot;

import java.awt.Color;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * scanpy's default colours, so that figures look as users expect: the categorical palettes of
 * {@code scanpy.plotting.palettes} (20 colours up to 20 categories, Zeileis et al.'s 28 up to 28, the
 * 102 of "godsnotwheregodsnot" beyond, grey past 102) and matplotlib's viridis for continuous values
 * (van der Walt and Smith 2015; CC0).
 */
public final class Palettes {

  /** scanpy's default_20: matplotlib's tab20 reordered, greys removed, three colours replaced. */
  static final String[] DEFAULT_20 = {"#1f77b4", "#ff7f0e", "#279e68", "#d62728", "#aa40fc", "#8c564b", "#e377c2",
      "#b5bd61", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d",
      "#9edae5", "#ad494a", "#8c6d31"};

  /** scanpy's default_28 (Zeileis, Hornik and Murrell 2009, plus four). */
  static final String[] DEFAULT_28 = {"#023fa5", "#7d87b9", "#bec1d4", "#d6bcc0", "#bb7784", "#8e063b", "#4a6fe3",
      "#8595e1", "#b5bbe3", "#e6afb9", "#e07b91", "#d33f6a", "#11c638", "#8dd593", "#c6dec7", "#ead3c6", "#f0b98d",
      "#ef9708", "#0fcfc0", "#9cded6", "#d5eae7", "#f3e1eb", "#f6c4e1", "#f79cd4", "#7f7f7f", "#c7c7c7", "#1CE6FF",
      "#336600"};

  /** scanpy's default_102. */
  static final String[] DEFAULT_102 = ("#FFFF00 #1CE6FF #FF34FF #FF4A46 #008941 #006FA6 #A30059 #FFDBE5 #7A4900 "
      + "#0000A6 #63FFAC #B79762 #004D43 #8FB0FF #997D87 #5A0007 #809693 #6A3A4C #1B4400 #4FC601 #3B5DFF #4A3B53 "
      + "#FF2F80 #61615A #BA0900 #6B7900 #00C2A0 #FFAA92 #FF90C9 #B903AA #D16100 #DDEFFF #000035 #7B4F4B #A1C299 "
      + "#300018 #0AA6D8 #013349 #00846F #372101 #FFB500 #C2FFED #A079BF #CC0744 #C0B9B2 #C2FF99 #001E09 #00489C "
      + "#6F0062 #0CBD66 #EEC3FF #456D75 #B77B68 #7A87A1 #788D66 #885578 #FAD09F #FF8A9A #D157A0 #BEC459 #456648 "
      + "#0086ED #886F4C #34362D #B4A8BD #00A6AA #452C2C #636375 #A3C8C9 #FF913F #938A81 #575329 #00FECF #B05B6F "
      + "#8CD0FF #3B9700 #04F757 #C8A1A1 #1E6E00 #7900D7 #A77500 #6367A9 #A05837 #6B002C #772600 #D790FF #9B9700 "
      + "#549E79 #FFF69F #201625 #72418F #BC23FF #99ADC0 #3A2465 #922329 #5B4534 #FDE8DC #404E55 #0089A3 #CB7E98 "
      + "#A4E804 #324E72").split(" ");

  /** Missing values and categories past the palette, as scanpy draws them. */
  public static final Color GREY = new Color(0xd3d3d3);

  private static final int[] VIRIDIS = loadViridis();

  private Palettes() {}

  /** The colours of {@code n} categories, as scanpy picks them. */
  public static Color[] categorical(int n) {
    String[] p = n <= 20 ? DEFAULT_20 : n <= 28 ? DEFAULT_28 : DEFAULT_102;
    Color[] out = new Color[n];
    for (int i = 0; i < n; i++) {
      out[i] = i < p.length ? Color.decode(p[i]) : GREY;
    }
    return out;
  }

  /** viridis at {@code t} in [0, 1] (clamped; NaN gives grey) as opaque ARGB. */
  public static int viridis(double t) {
    if (Double.isNaN(t)) {
      return GREY.getRGB();
    }
    int k = (int) Math.round(Math.max(0, Math.min(1, t)) * 255);
    return 0xff000000 | VIRIDIS[k];
  }

  /** ColorBrewer's 9-class Reds, which matplotlib's "Reds" interpolates linearly (scanpy's dot-plot map). */
  private static final int[] REDS = {0xfff5f0, 0xfee0d2, 0xfcbba1, 0xfc9272, 0xfb6a4a, 0xef3b2c, 0xcb181d, 0xa50f15,
      0x67000d};

  /** matplotlib's Reds at {@code t} in [0, 1] (clamped; NaN gives grey) as opaque ARGB. */
  public static int reds(double t) {
    if (Double.isNaN(t)) {
      return GREY.getRGB();
    }
    double pos = Math.max(0, Math.min(1, t)) * (REDS.length - 1);
    int k = Math.min(REDS.length - 2, (int) pos);
    double f = pos - k;
    int a = REDS[k];
    int b = REDS[k + 1];
    int r = (int) Math.round(((a >> 16) & 0xff) * (1 - f) + ((b >> 16) & 0xff) * f);
    int g = (int) Math.round(((a >> 8) & 0xff) * (1 - f) + ((b >> 8) & 0xff) * f);
    int bl = (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
    return 0xff000000 | (r << 16) | (g << 8) | bl;
  }

  private static int[] loadViridis() {
    int[] out = new int[256];
    try (InputStream in = Palettes.class.getResourceAsStream("viridis.txt")) {
      if (in == null) {
        throw new IllegalStateException("viridis.txt is missing from the jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      int k = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out[k++] = Integer.parseInt(line.trim(), 16);
        }
      }
      if (k != 256) {
        throw new IllegalStateException("viridis.txt holds " + k + " colours, not 256");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
