"""Site-wide hardening: security headers (CSP) and cache-based rate limits."""
