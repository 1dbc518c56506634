package io.dolly.sql.ast;

/**
 * An account name as written: {@code 'u'@'h'}, {@code u@h}, {@code 'u'} (host {@code %}), or the
 * current user ({@code CURRENT_USER}, {@code CURRENT_USER()}, {@code USER()} in ALTER USER).
 */
public record UserSpec(String user, String host, boolean current) {
  public static UserSpec currentUser() {
    return new UserSpec(null, null, true);
  }
}
