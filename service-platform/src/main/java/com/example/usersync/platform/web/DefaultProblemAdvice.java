package com.example.usersync.platform.web;

import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The problem advice of a service without refusals of its own beyond {@link ApiProblem}s (Spring
 * answers those from their body): registered only when the service declares no {@link ProblemHandling}.
 */
@RestControllerAdvice
public class DefaultProblemAdvice extends ProblemHandling {}
