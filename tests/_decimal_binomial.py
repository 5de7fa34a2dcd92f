"""Binomial tails as 60-digit decimal sums: the exact reference of the ground and
special-function tests."""

from decimal import Decimal, localcontext


def binomial_cdf(k: int, n: int, p: float) -> Decimal:
    """P(Bin(n, p) <= k) as a 60-digit decimal sum over the shorter side.

    ``p`` is taken exactly from its float. Either the k + 1 terms
    ``t(0) = (1 - p)^n``, ``t(j + 1) = t(j) (n - j) / (j + 1) * p / (1 - p)``, or 1
    minus the n - k terms of k + 1 or more successes, counted by failures
    ``i = 0 .. n - k - 1`` from ``p^n``.
    """
    with localcontext() as ctx:
        ctx.prec = 60
        pd = Decimal(p)
        qd = 1 - pd
        if k + 1 <= n - k:
            term, total = qd**n, Decimal(0)
            for j in range(k + 1):
                total += term
                term = term * (n - j) / (j + 1) * pd / qd
            return +total
        term, upper = pd**n, Decimal(0)
        for i in range(n - k):
            upper += term
            term = term * (n - i) / (i + 1) * qd / pd
        return +(1 - upper)
