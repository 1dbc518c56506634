package io.dolly.sql.parse;

/** Kinds of lexical token; keywords are {@link #WORD}s recognised by the parser in context. */
public enum TokenType {
  /** An unquoted identifier or keyword; {@link Token#text()} is upper-cased in {@code upper}. */
  WORD,
  /** A {@code `backtick`} identifier, text unescaped. */
  QUOTED_ID,
  /** A '...' or "..." string, text unescaped. */
  STRING,
  INTEGER,
  DECIMAL,
  FLOAT,
  /** x'..' or 0x..; text is the hex digits. */
  HEX,
  /** b'..' or 0b..; text is the binary digits. */
  BIT,
  /** A {@code ?} placeholder. */
  PARAM,
  /** {@code @name}; text is the name (quotes removed). */
  USER_VAR,
  /** {@code @@[scope.]name}; text is what follows the {@code @@}. */
  SYS_VAR,
  /** Operators and punctuation; text is the symbol. */
  OP,
  EOF
}
