"""scalinglaws: the library behind *Scaling Laws, Reproduced*.

Modules, with dependencies pointing downwards only (see DESIGN.md):

``laws``      functional forms and the published parameter sets
``compute``   parameter and FLOP accounting
``fitting``   power-law, parametric and isoFLOP fits with bootstrap intervals
``planning``  compute-optimal allocation
``emergence`` metrics and emergence scores
``datasets``  published tables and pinned external datasets
``synthetic`` data sources with exactly known ground truth
``train``     the numpy trainer, the book's run recipes and the sweep runner
``schedule_study`` chapter 6's analysis of the learning-rate schedule runs
``plotting``  the book's figure style
``units``     nats, bits, per-token and per-character losses, perplexity
``cli``       the ``scalinglaws plan`` command

and, apart from the science (which never imports it), ``book``: answer
checks, the student edition and the capstone's forecasts.

Every fit returns a result of one shape (``.params``, ``.converged``,
``.message``, ``.residuals``, ``.n_points``, ``.predict``, ``.bootstrap``,
``.interval``); see :mod:`scalinglaws.fitting`.
"""

__version__ = "0.1.0"
