"""scalinglaws: the library behind *Scaling Laws, Reproduced*.

Modules, with dependencies pointing downwards only (see DESIGN.md):

``laws``      functional forms and the published parameter sets
``compute``   parameter and FLOP accounting
``fitting``   power-law, parametric and isoFLOP fits with bootstrap intervals
``planning``  compute-optimal allocation
``emergence`` metrics and emergence scores
``datasets``  published tables and pinned external datasets
``synthetic`` data sources with exactly known ground truth
``train``     the numpy trainer and sweep runner
``plotting``  the book's figure style
``units``     nats, bits, per-token and per-character losses, perplexity
``cli``       the ``scalinglaws plan`` command
"""

__version__ = "0.1.0"
