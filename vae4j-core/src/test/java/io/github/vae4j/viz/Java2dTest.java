package io.github.vae4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.AWTError;
import org.junit.jupiter.api.Test;

class Java2dTest {

  @Test
  void passesResultsThrough() {
    assertEquals("drawn", Java2d.draw("x", () -> "drawn"));
  }

  @Test
  void explainsAnUnreachableDisplay() {
    AWTError cause = new AWTError("Can't connect to X11 window server using ':99'");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Java2d.draw("a grid", () -> {
      throw cause;
    }));
    assertTrue(e.getMessage().startsWith("cannot draw a grid: Java2D could not reach the display"), e.getMessage());
    assertTrue(e.getMessage().contains("-Djava.awt.headless=true"), e.getMessage());
    assertSame(cause, e.getCause());
  }

  @Test
  void leavesOtherErrorsAlone() {
    NoClassDefFoundError other = new NoClassDefFoundError("org/example/Missing");
    assertSame(other, assertThrows(NoClassDefFoundError.class, () -> Java2d.draw("x", () -> {
      throw other;
    })));
  }
}
