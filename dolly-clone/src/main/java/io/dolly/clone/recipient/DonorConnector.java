package io.dolly.clone.recipient;

import java.io.IOException;

/** Opens a connection to the donor in clone mode; one per recipient thread. */
@FunctionalInterface
public interface DonorConnector {
  /**
   * Connects, authenticates and sends COM_CLONE. A refusal is 3862: {@code Connect failed: <errno>
   * : <message>} when the connection or login failed, {@code <errno> : <message>} when the donor
   * refused COM_CLONE.
   */
  DonorLink connect() throws IOException;
}
