# Attribute-based access control: decrypt with any key whose "team" tag matches the caller's.
# Security Hub does not count conditions, so by default this is every key (with the condition
# key named in the finding); --conditions scope counts the tag condition as a limit.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_iam_role" "analytics" {
  name = "analytics"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Action    = "sts:AssumeRole"
        Effect    = "Allow"
        Principal = { Service = "glue.amazonaws.com" }
      },
    ]
  })
  tags = {
    team = "analytics"
  }
}

resource "aws_iam_role_policy" "team_keys" {
  name = "team-keys"
  role = aws_iam_role.analytics.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "DecryptWithTeamKeys"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:DescribeKey"]
        Resource = "*"
        Condition = {
          StringEquals = {
            "aws:ResourceTag/team" = "$${aws:PrincipalTag/team}"
          }
        }
      },
    ]
  })
}
