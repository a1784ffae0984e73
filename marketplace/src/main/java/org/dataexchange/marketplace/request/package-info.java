/**
 * How requests are read and limited, for the whole API: strict JSON scalars ({@code StrictScalars}), the JSON body limit
 * ({@code RequestLimits}) and the upload limit ({@link org.dataexchange.marketplace.request.UploadLimits}, which the
 * catalogue enforces while a file streams to disk).
 *
 * <p>Surface: {@link org.dataexchange.marketplace.request.UploadLimits}.
 */
package org.dataexchange.marketplace.request;
