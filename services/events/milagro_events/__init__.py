"""The events service: activities, attendance, trainings, camps and assessments."""
