package dev.tgkit.spring.autoconfigure.jpa;

import org.springframework.data.jpa.repository.JpaRepository;

/** The stored sessions by name. */
interface SessionRepository extends JpaRepository<SessionEntity, String> {}
