/**
 * A {@link dev.tgkit.session.Storage} in the application's SQL database, through JPA: {@link
 * dev.tgkit.spring.autoconfigure.jpa.JpaStorage} and the auto-configuration that creates it when
 * there is a {@link javax.sql.DataSource} and no {@code Storage} bean of the application's own.
 */
@NullMarked
package dev.tgkit.spring.autoconfigure.jpa;

import org.jspecify.annotations.NullMarked;
