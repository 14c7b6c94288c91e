/**
 * What the server's domain packages share without knowing they are served over HTTP: {@link
 * io.breakwater.server.domain.DomainException}, the failures a request can meet. Only the {@code api} package
 * turns them into NSX ApiError responses.
 */
package io.breakwater.server.domain;
