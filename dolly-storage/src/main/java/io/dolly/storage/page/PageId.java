package io.dolly.storage.page;

/** Names a page: tablespace id and page number. */
public record PageId(int spaceId, int pageNo) {
  @Override
  public String toString() {
    return "(" + spaceId + ":" + Integer.toUnsignedString(pageNo) + ")";
  }
}
