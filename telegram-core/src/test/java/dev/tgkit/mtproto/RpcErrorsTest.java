package dev.tgkit.mtproto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The generated {@link RpcErrors} name errors as {@link RpcError} parses what the server sends. */
class RpcErrorsTest {

  @Test
  void floodWaitMatchesTheNameParsedFromFloodWait31() {
    RpcError e = RpcError.of(420, "FLOOD_WAIT_31", null);
    assertThat(e.name()).isEqualTo(RpcErrors.FLOOD_WAIT);
    assertThat(e.is(RpcErrors.FLOOD_WAIT)).isTrue();
    assertThat(RpcError.of(420, "2FA_CONFIRM_WAIT_86400", null).is(RpcErrors._2FA_CONFIRM_WAIT)).isTrue();
  }

  @Test
  void everyListedErrorTheServerSendsByItsNameHasAConstant() throws IOException, IllegalAccessException {
    Set<String> constants = new HashSet<>();
    for (Field f : RpcErrors.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        constants.add((String) f.get(null));
      }
    }
    // Names with the number inside (FILE_PART_X_MISSING) reach RpcError with it, so have no constant.
    Pattern numberInside = Pattern.compile("\\{[a-z_]+}");
    int checked = 0;
    try (InputStream in = RpcError.class.getResourceAsStream("rpc-errors.csv")) {
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      lines.readLine(); // name,codes,description
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        List<String> fields = RpcError.Catalog.csvFields(line);
        String name = fields.get(0);
        String sent = name.endsWith("_X") ? name.substring(0, name.length() - 2) + "_17" : name;
        if (sent.equals(name) && numberInside.matcher(fields.get(2)).find()) {
          continue;
        }
        assertThat(constants).as("constant for %s", name).contains(RpcError.of(400, sent, null).name());
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(500);
  }
}
