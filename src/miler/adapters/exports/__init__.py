"""Exports: a plan or race to a calendar (ICS), a watch (FIT workouts) or paper (HTML/PDF).

Exporters read the contract documents (``miler.plan/1``, ``miler.race/1``), so anything that
validates against ``schemas/plan.schema.json`` can be exported, not only plans made here.
"""
