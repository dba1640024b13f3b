# tfsec AWS097 (aws-iam-block-kms-policy-wildcard), secure example: the role may use only the
# key this configuration creates. The key's ARN is not known until apply, so Terraform defers
# the policy document to apply and the plan does not contain the policy text.

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

resource "aws_kms_key" "main" {
  description         = "test_role data key"
  enable_key_rotation = true
}

resource "aws_iam_role_policy" "test_policy" {
  name = "test_policy"
  role = aws_iam_role.test_role.id

  policy = data.aws_iam_policy_document.kms_policy.json
}

resource "aws_iam_role" "test_role" {
  name = "test_role"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Action = "sts:AssumeRole"
        Effect = "Allow"
        Sid    = ""
        Principal = {
          Service = "ec2.amazonaws.com"
        }
      },
    ]
  })
}

data "aws_iam_policy_document" "kms_policy" {
  statement {
    actions   = ["kms:*"]
    resources = [aws_kms_key.main.arn]
  }
}
