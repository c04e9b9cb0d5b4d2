"""Domain helpers over FollowTheMoney. Imports none of sanctionwatch's other packages."""
