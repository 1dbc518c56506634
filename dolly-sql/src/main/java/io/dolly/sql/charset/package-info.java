/** Character sets and collations with MySQL's numbers. */
package io.dolly.sql.charset;
