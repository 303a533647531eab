package dev.tgkit.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.tl.api.help.GetConfig;
import dev.tgkit.tl.api.help.GetNearestDc;
import org.junit.jupiter.api.Test;

class FaultsTest {

  @Test
  void aCountedFaultIsUsedUpAndAFaultForOneDcSparesTheOthers() {
    Faults faults = new Faults()
        .answerError(GetNearestDc.class, 420, "FLOOD_WAIT_2", 2)
        .answerErrorOnDc(1, GetConfig.class, 303, "PHONE_MIGRATE_2", Integer.MAX_VALUE);

    assertThat(faults.next(1, new GetNearestDc())).isNotNull();
    assertThat(faults.next(2, new GetNearestDc())).isNotNull();
    assertThat(faults.next(1, new GetNearestDc())).isNull();
    assertThat(faults.next(2, new GetConfig())).isNull();
    for (int i = 0; i < 5; i++) {
      RpcErrorException e = faults.next(1, new GetConfig());
      assertThat(e).isNotNull();
      assertThat(e.code()).isEqualTo(303);
      assertThat(e.errorMessage()).isEqualTo("PHONE_MIGRATE_2");
    }
    faults.clear();
    assertThat(faults.next(1, new GetConfig())).isNull();
  }

  @Test
  void rejectsNonsense() {
    Faults faults = new Faults();
    assertThatThrownBy(() -> faults.answerError(GetConfig.class, 420, "FLOOD_WAIT_1", 0)).hasMessageContaining("at least once");
    assertThatThrownBy(() -> faults.answerError(GetConfig.class, 420, " ")).hasMessageContaining("needs a message");
    assertThatThrownBy(() -> faults.answerErrorOnDc(0, GetConfig.class, 303, "X", 1)).hasMessageContaining("positive");
  }
}
