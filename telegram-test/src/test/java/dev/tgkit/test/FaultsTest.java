package dev.tgkit.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.test.internal.server.FaultAction;
import dev.tgkit.tl.api.help.GetCdnConfig;
import dev.tgkit.tl.api.help.GetConfig;
import dev.tgkit.tl.api.help.GetNearestDc;
import java.time.Duration;
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
      assertThat(faults.next(1, new GetConfig()))
          .isEqualTo(new FaultAction.AnswerError(303, "PHONE_MIGRATE_2"));
    }
    faults.clear();
    assertThat(faults.next(1, new GetConfig())).isNull();
  }

  @Test
  void faultsApplyInTheOrderTheyWereAddedEachOnItsOwnDataCenters() {
    Faults faults = new Faults()
        .dropBeforeAnsweringOnDc(2, GetConfig.class, 1)
        .delayAnswers(GetConfig.class, Duration.ofSeconds(3), 2)
        .dropAfterAnswering(GetConfig.class)
        .delayAnswersOnDc(1, GetCdnConfig.class, Duration.ofMillis(5), 1)
        .dropAfterAnsweringOnDc(3, GetNearestDc.class, 1)
        .dropBeforeAnswering(GetNearestDc.class);

    assertThat(faults.next(2, new GetConfig())).isEqualTo(new FaultAction.DropBefore());
    assertThat(faults.next(2, new GetConfig()))
        .isEqualTo(new FaultAction.Delay(Duration.ofSeconds(3)));
    assertThat(faults.next(1, new GetConfig()))
        .isEqualTo(new FaultAction.Delay(Duration.ofSeconds(3)));
    assertThat(faults.next(1, new GetConfig())).isEqualTo(new FaultAction.DropAfter());
    assertThat(faults.next(2, new GetConfig())).isEqualTo(new FaultAction.DropAfter());
    assertThat(faults.next(2, new GetCdnConfig())).isNull();
    assertThat(faults.next(1, new GetCdnConfig()))
        .isEqualTo(new FaultAction.Delay(Duration.ofMillis(5)));
    assertThat(faults.next(1, new GetCdnConfig())).isNull();
    assertThat(faults.next(3, new GetNearestDc())).isEqualTo(new FaultAction.DropAfter());
    assertThat(faults.next(3, new GetNearestDc())).isEqualTo(new FaultAction.DropBefore());
    assertThat(faults.next(1, new GetNearestDc())).isEqualTo(new FaultAction.DropBefore());
  }

  @Test
  void rejectsNonsense() {
    Faults faults = new Faults();
    assertThatThrownBy(() -> faults.answerError(GetConfig.class, 420, "FLOOD_WAIT_1", 0)).hasMessageContaining("at least once");
    assertThatThrownBy(() -> faults.answerError(GetConfig.class, 420, " ")).hasMessageContaining("needs a message");
    assertThatThrownBy(() -> faults.answerErrorOnDc(0, GetConfig.class, 303, "X", 1)).hasMessageContaining("positive");
    assertThatThrownBy(() -> faults.delayAnswers(GetConfig.class, Duration.ZERO)).hasMessageContaining("delay is positive");
    assertThatThrownBy(() -> faults.delayAnswers(GetConfig.class, Duration.ofSeconds(-1), 1)).hasMessageContaining("delay is positive");
    assertThatThrownBy(() -> faults.dropBeforeAnswering(GetConfig.class, -2)).hasMessageContaining("at least once");
    assertThatThrownBy(() -> faults.dropAfterAnsweringOnDc(-1, GetConfig.class, 1)).hasMessageContaining("positive");
    assertThat(faults.next(1, new GetConfig())).isNull();
  }
}
