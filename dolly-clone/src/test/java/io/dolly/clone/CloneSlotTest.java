package io.dolly.clone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.protocol.error.MysqlException;
import org.junit.jupiter.api.Test;

class CloneSlotTest {
  @Test
  void aDonorFindingTheSlotHeldByAnInPlaceCloneIsTheServerCloningItself() {
    CloneSlot slot = new CloneSlot();
    slot.acquireInPlace();
    assertThatThrownBy(slot::acquireAsDonor)
        .isInstanceOfSatisfying(
            MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(3871))
        .hasMessage(
            "Clone cannot use loop back connection while cloning into current data directory.");
    // Any other clone meanwhile is one too many.
    assertThatThrownBy(slot::acquire)
        .isInstanceOfSatisfying(
            MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(3634));
    slot.release();
    slot.acquireAsDonor();
    assertThat(slot.taken()).isTrue();
  }

  @Test
  void aDonorFindingTheSlotHeldByAnyOtherCloneGetsTooManyClones() {
    CloneSlot slot = new CloneSlot();
    slot.acquire();
    assertThatThrownBy(slot::acquireAsDonor)
        .isInstanceOfSatisfying(
            MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(3634));
    slot.release();
    // A released in-place clone leaves no trace: the next holder is an ordinary one.
    slot.acquireInPlace();
    slot.release();
    slot.acquire();
    assertThatThrownBy(slot::acquireAsDonor)
        .isInstanceOfSatisfying(
            MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(3634));
  }
}
